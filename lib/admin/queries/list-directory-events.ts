// The console's Events tab: a directory's events newest first in feed order (as GET /api/v1/events
// returns them, reversed), filtered by type and resource, each with the activity-log row of the
// request that caused it.
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { FEED_EVENT_TYPES, type FeedEventType } from "@/lib/directory-data/feed-event";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, toKeysetPage, type KeysetPage, type KeysetRequest } from "./keyset";

export const eventFilterSchema = z.object({
  type: z.enum(FEED_EVENT_TYPES as [FeedEventType, ...FeedEventType[]]).optional().catch(undefined),
  /** A user or group id (membership events belong to their group). */
  resource: z.string().trim().max(200).optional().catch(undefined).transform((v) => v || undefined),
});
export type EventFilter = Partial<z.infer<typeof eventFilterSchema>>;

export interface DirectoryEventRow {
  id: string;
  type: string;
  resourceType: string;
  resourceId: string;
  createdAt: Date;
  /** The feed position (null for events recorded before the feed existed, or not yet sequenced). */
  seq: number | null;
  payload: unknown;
  requestId: string | null;
  /** The activity-log row of that request, when it is still retained. */
  activityId: string | null;
}

/**
 * Newest first, three runs of rows, each on an index: events PostgreSQL's sequencer has not numbered
 * yet (they will come last in the feed; among themselves by writeOrder), then the feed (seq), then
 * events recorded before the feed existed (no position; by time).
 */
const SEGMENTS = ["pending", "feed", "legacy"] as const;
type Segment = (typeof SEGMENTS)[number];

interface EventCursor {
  segment: Segment;
  /** writeOrder or seq (decimal), or createdAt (ISO) for legacy rows. */
  key: string;
  id: string;
}

type Row = Prisma.ProvisioningEventGetPayload<{ select: typeof SELECT }>;
const SELECT = { id: true, type: true, resourceType: true, resourceId: true, createdAt: true, seq: true, writeOrder: true, payload: true, requestId: true } as const;

export interface ListDirectoryEventsOptions extends KeysetRequest {
  directoryId: string;
  filter?: EventFilter;
}

export async function listDirectoryEvents({ directoryId, filter = {}, ...page }: ListDirectoryEventsOptions): Promise<KeysetPage<DirectoryEventRow>> {
  const db = getDb();
  const pageSize = Math.min(Math.max(page.pageSize ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const before = decodeEventCursor(page.before);
  const after = before ? null : decodeEventCursor(page.after);
  const cursor = before ?? after;
  const direction = before ? "before" : "after";
  const where: Prisma.ProvisioningEventWhereInput = {
    directoryId,
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.resource ? { resourceId: filter.resource } : {}),
  };
  // SQLite numbers every event as it is written: no pending run.
  const segments = SEGMENTS.filter((s) => s !== "pending" || db.kind === "postgresql");
  // Older rows follow the newest-first order; newer ones (the previous page) walk it backwards.
  const order = direction === "after" ? segments : [...segments].reverse();
  const start = cursor ? Math.max(order.indexOf(cursor.segment), 0) : 0;
  const rows: Row[] = [];
  for (const segment of order.slice(start)) {
    const take = pageSize + 1 - rows.length;
    if (take <= 0) break;
    const from = cursor?.segment === segment ? cursor : undefined;
    rows.push(...(await db.prisma.provisioningEvent.findMany({ where: { AND: [where, segmentWhere(segment, direction, from)] }, orderBy: segmentOrder(segment, direction), take, select: SELECT })));
  }
  const requestIds = [...new Set(rows.map((r) => r.requestId).filter((id): id is string => Boolean(id)))];
  const requests = requestIds.length
    ? await db.prisma.activityLog.findMany({ where: { directoryId, requestId: { in: requestIds } }, select: { id: true, requestId: true } })
    : [];
  const activityOf = new Map(requests.map((r) => [r.requestId, r.id]));
  const items = rows.map(({ writeOrder, ...r }) => ({
    ...r,
    seq: r.seq === null ? null : Number(r.seq),
    activityId: r.requestId ? (activityOf.get(r.requestId) ?? null) : null,
    cursor: encodeEventCursor(cursorOf(r.seq, writeOrder, r.createdAt, r.id)),
  }));
  const result = toKeysetPage(items, { pageSize, direction, hasCursor: Boolean(cursor) }, (r) => r.cursor);
  return { ...result, items: result.items.map(({ cursor: _cursor, ...r }) => r) };
}

function cursorOf(seq: bigint | null, writeOrder: bigint | null, createdAt: Date, id: string): EventCursor {
  if (seq !== null) return { segment: "feed", key: String(seq), id };
  if (writeOrder !== null) return { segment: "pending", key: String(writeOrder), id };
  return { segment: "legacy", key: createdAt.toISOString(), id };
}

function segmentWhere(segment: Segment, direction: "after" | "before", from: EventCursor | undefined): Prisma.ProvisioningEventWhereInput {
  const cmp = direction === "after" ? "lt" : "gt";
  if (segment === "pending") return { seq: null, writeOrder: from ? { [cmp]: BigInt(from.key) } : { not: null } };
  if (segment === "feed") return { seq: from ? { [cmp]: BigInt(from.key) } : { not: null } };
  const legacy = { seq: null, writeOrder: null };
  if (!from) return legacy;
  const at = new Date(from.key);
  return { ...legacy, OR: [{ createdAt: { [cmp]: at } }, { createdAt: at, id: { [cmp]: from.id } }] };
}

function segmentOrder(segment: Segment, direction: "after" | "before"): Prisma.ProvisioningEventOrderByWithRelationInput[] {
  const sort = direction === "after" ? "desc" : "asc";
  if (segment === "pending") return [{ writeOrder: sort }];
  if (segment === "feed") return [{ seq: sort }];
  return [{ createdAt: sort }, { id: sort }];
}

function encodeEventCursor(c: EventCursor): string {
  return Buffer.from(JSON.stringify([c.segment, c.key, c.id])).toString("base64url");
}

/** A malformed cursor simply starts from the top, as the console's other lists do. */
function decodeEventCursor(raw: string | undefined): EventCursor | null {
  if (!raw || raw.length > 300) return null;
  try {
    const [segment, key, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    if (!SEGMENTS.includes(segment as Segment) || typeof key !== "string" || typeof id !== "string") return null;
    if (segment === "legacy" ? Number.isNaN(new Date(key).getTime()) : !/^[0-9]{1,19}$/.test(key)) return null;
    return { segment: segment as Segment, key, id };
  } catch {
    return null;
  }
}
