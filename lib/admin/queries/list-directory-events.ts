// The console's Events tab: a directory's events newest first, filtered by type and resource, each
// with the activity-log row of the request that caused it.
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { FEED_EVENT_TYPES, type FeedEventType } from "@/lib/directory-data/feed-event";
import { keysetQuery, toKeysetPage, type KeysetPage, type KeysetRequest } from "./keyset";

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

export interface ListDirectoryEventsOptions extends KeysetRequest {
  directoryId: string;
  filter?: EventFilter;
}

export async function listDirectoryEvents({ directoryId, filter = {}, ...page }: ListDirectoryEventsOptions): Promise<KeysetPage<DirectoryEventRow>> {
  const db = getDb().prisma;
  const q = keysetQuery(page);
  const where = {
    directoryId,
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.resource ? { resourceId: filter.resource } : {}),
  };
  const rows = await db.provisioningEvent.findMany({
    where: { AND: [where, q.where] },
    orderBy: q.orderBy,
    take: q.take,
    select: { id: true, type: true, resourceType: true, resourceId: true, createdAt: true, seq: true, payload: true, requestId: true },
  });
  const requestIds = [...new Set(rows.map((r) => r.requestId).filter((id): id is string => Boolean(id)))];
  const requests = requestIds.length
    ? await db.activityLog.findMany({ where: { directoryId, requestId: { in: requestIds } }, select: { id: true, requestId: true } })
    : [];
  const activityOf = new Map(requests.map((r) => [r.requestId, r.id]));
  const items = rows.map((r) => ({ ...r, seq: r.seq === null ? null : Number(r.seq), activityId: r.requestId ? (activityOf.get(r.requestId) ?? null) : null }));
  return toKeysetPage(items, q, (r) => ({ createdAt: r.createdAt, id: r.id }));
}
