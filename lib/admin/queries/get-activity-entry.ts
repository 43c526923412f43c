// One activity row of one directory, with its bodies, for the entry page.
import { getDb } from "@/lib/db/client";
import { clientLabels } from "./client-labels";
import type { ActivityRow } from "./list-activity";

export interface ActivityEntry extends ActivityRow {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  requestBody: string | null;
  responseBody: string | null;
}

export interface GetActivityEntryOptions {
  directoryId: string;
  activityId: string;
}

/** One activity row of one directory (both ids must match). Bodies were redacted when recorded. */
export async function getActivityEntry({ directoryId, activityId }: GetActivityEntryOptions): Promise<ActivityEntry | null> {
  const row = await getDb().prisma.activityLog.findFirst({ where: { id: activityId, directoryId } });
  if (!row) return null;
  const labels = await clientLabels({ directoryId, clientIds: [row.clientId] });
  return {
    id: row.id,
    createdAt: row.createdAt,
    kind: row.kind,
    clientId: row.clientId,
    clientLabel: row.clientId ? (labels.get(row.clientId) ?? null) : null,
    method: row.method,
    path: row.path,
    query: row.query,
    operation: row.operation,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    status: row.status,
    scimType: row.scimType,
    errorDetail: row.errorDetail,
    durationMs: row.durationMs,
    requestId: row.requestId,
    ip: row.ip,
    userAgent: row.userAgent,
    requestBody: row.requestBody,
    responseBody: row.responseBody,
  };
}
