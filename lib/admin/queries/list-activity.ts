// The Activity tab: every SCIM and token request tied to a directory, newest first, with filters,
// keyset-paginated on (createdAt, id) over the (directoryId, createdAt) index.
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { failureStatusWhere } from "@/lib/sync-health/judge-health";
import { clientLabels } from "./client-labels";
import { keysetQuery, toKeysetPage, type KeysetPage, type KeysetRequest } from "./keyset";

export const OUTCOMES = {
  success: "Success (2xx)",
  failure: "Failure (400, 401, 403, 5xx)",
  error: "Any error (4xx, 5xx)", client_error: "Client error (4xx)",
  server_error: "Server error (5xx)",
} as const;
export type Outcome = keyof typeof OUTCOMES;

export const TIME_RANGES = { any: "Any time", "1h": "Last hour", "24h": "Last 24 hours", "7d": "Last 7 days", custom: "Custom range" } as const;
export type TimeRange = keyof typeof TIME_RANGES;

export const RESOURCE_TYPES = { User: "Users", Group: "Groups", token: "Token requests" } as const;

/** The operations the SCIM server and token endpoint record (ActivityLog.operation). */
export const OPERATIONS = [
  "token.issue",
  "user.create",
  "user.get",
  "user.list",
  "user.replace",
  "user.patch",
  "user.delete",
  "group.create",
  "group.get",
  "group.list",
  "group.replace",
  "group.patch",
  "group.delete",
  "discovery.serviceproviderconfig",
  "discovery.resourcetypes",
  "discovery.schemas",
] as const;

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => v || undefined);

/** The filters as they arrive in the page's search params, validated (unknown values are dropped). */
export const activityFilterSchema = z.object({
  outcome: z.enum(Object.keys(OUTCOMES) as [Outcome, ...Outcome[]]).optional().catch(undefined),
  operation: optionalText.catch(undefined),
  resourceType: z.enum(Object.keys(RESOURCE_TYPES) as [keyof typeof RESOURCE_TYPES]).optional().catch(undefined),
  range: z.enum(Object.keys(TIME_RANGES) as [TimeRange, ...TimeRange[]]).optional().catch(undefined),
  from: optionalText.catch(undefined),
  to: optionalText.catch(undefined),
});
export type ActivityFilter = Partial<z.infer<typeof activityFilterSchema>>;

export interface ActivityRow {
  id: string;
  createdAt: Date;
  kind: string;
  clientId: string | null;
  clientLabel: string | null;
  method: string;
  path: string;
  query: string;
  operation: string;
  resourceType: string | null;
  resourceId: string | null;
  status: number;
  scimType: string | null;
  errorDetail: string | null;
  durationMs: number;
}

const HOUR_MS = 60 * 60 * 1000;

function parseDate(v: string | undefined): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function timeWindow(filter: ActivityFilter, now: Date): { gte?: Date; lte?: Date } {
  switch (filter.range) {
    case "1h":
      return { gte: new Date(now.getTime() - HOUR_MS) };
    case "24h":
      return { gte: new Date(now.getTime() - 24 * HOUR_MS) };
    case "7d":
      return { gte: new Date(now.getTime() - 7 * 24 * HOUR_MS) };
    case "custom":
      return { gte: parseDate(filter.from), lte: parseDate(filter.to) };
    default:
      return {};
  }
}

function activityWhere(directoryId: string, filter: ActivityFilter, now: Date) {
  const window = timeWindow(filter, now);
  const status =
    filter.outcome === "success" ? { gte: 200, lt: 300 } : filter.outcome === "error" ? { gte: 400 } : filter.outcome === "client_error" ? { gte: 400, lt: 500 } : filter.outcome === "server_error" ? { gte: 500 } : undefined;
  return {
    directoryId,
    ...(status ? { status } : {}),
    ...(filter.outcome === "failure" ? failureStatusWhere() : {}),
    ...(filter.operation ? { operation: filter.operation } : {}),
    ...(filter.resourceType === "token" ? { kind: "token" } : filter.resourceType ? { resourceType: filter.resourceType } : {}),
    ...(window.gte || window.lte ? { createdAt: { ...(window.gte ? { gte: window.gte } : {}), ...(window.lte ? { lte: window.lte } : {}) } } : {}),
  };
}

export interface ListActivityOptions extends KeysetRequest {
  directoryId: string;
  filter?: ActivityFilter;
  now?: Date;
}

export async function listActivity({ directoryId, filter = {}, now = new Date(), ...page }: ListActivityOptions): Promise<KeysetPage<ActivityRow>> {
  const db = getDb().prisma;
  const q = keysetQuery(page);
  const rows = await db.activityLog.findMany({
    where: { AND: [activityWhere(directoryId, filter, now), q.where] },
    orderBy: q.orderBy,
    take: q.take,
    select: {
      id: true,
      createdAt: true,
      kind: true,
      clientId: true,
      method: true,
      path: true,
      query: true,
      operation: true,
      resourceType: true,
      resourceId: true,
      status: true,
      scimType: true,
      errorDetail: true,
      durationMs: true,
    },
  });
  const result = toKeysetPage(rows, q, (r) => ({ createdAt: r.createdAt, id: r.id }));
  const labels = await clientLabels({ directoryId, clientIds: result.items.map((r) => r.clientId) });
  return { ...result, items: result.items.map((r) => ({ ...r, clientLabel: r.clientId ? (labels.get(r.clientId) ?? null) : null })) };
}
