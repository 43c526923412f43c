import type { FeedEvent } from "@/lib/directory-data/feed-event";

/** A stored event row (either database's driver values) → the event as the feed returns it. */
export function toFeedEvent(row: Record<string, unknown>): FeedEvent {
  const payload = typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload;
  const createdAt = row.createdAt instanceof Date ? row.createdAt : new Date(String(row.createdAt));
  return { id: String(row.id), type: row.type, directoryId: String(row.directoryId), occurredAt: createdAt.toISOString(), data: payload } as FeedEvent;
}
