// GET /api/v1/events: the events after a cursor, in feed order (see ./sequence-events.ts).
import type { Database, SqlDriver } from "@/lib/db/client";
import type { FeedEvent, FeedEventType } from "@/lib/directory-data/feed-event";
import { SqlParams } from "@/lib/db/sql";
import { CursorExpiredError } from "./errors";
import { decodeFeedCursor, encodeFeedCursor } from "./feed-cursor";
import { readFeedState } from "./feed-state";
import { sequenceEvents } from "./sequence-events";
import { toFeedEvent } from "./to-feed-event";

export interface ReadEventFeedOptions {
  db: Pick<Database, "kind" | "sql">;
  /** A `next` value from an earlier page; without it the feed starts at the oldest retained event. */
  after?: string;
  limit: number;
  /** Only these directories' events (an API key restricted to some directories); empty: none. */
  directoryIds?: readonly string[];
  types?: readonly FeedEventType[];
}

export interface EventFeedPage {
  data: FeedEvent[];
  /** Always present: pass it as `after` next time, whether or not this page had events. */
  next: string;
}

export async function readEventFeed({ db, after, limit, directoryIds, types }: ReadEventFeedOptions): Promise<EventFeedPage> {
  const cursor = after === undefined ? 0 : decodeFeedCursor(after);
  await sequenceEvents({ sql: db.sql });
  // Read before the events: every position up to lastSeq is visible to the query below.
  const { lastSeq } = await readFeedState(db.sql);
  const rows = directoryIds?.length === 0 ? [] : await queryEvents(db.sql, cursor, limit, directoryIds, types);
  // Read after the events: pruning deletes rows and raises prunedThrough in one transaction, so if
  // any row after the cursor was gone when the query ran, this says so.
  const { prunedThrough } = await readFeedState(db.sql);
  if (after !== undefined && cursor < prunedThrough) throw new CursorExpiredError();
  const data = rows.map(toFeedEvent);
  const lastReturned = rows.length ? Number(rows[rows.length - 1].seq) : cursor;
  // A short page saw everything up to lastSeq; positions the filters skipped need not be read again.
  const next = rows.length < limit ? Math.max(lastReturned, lastSeq, cursor) : lastReturned;
  return { data, next: encodeFeedCursor(next) };
}

export async function queryEvents(sql: SqlDriver, cursor: number, limit: number, directoryIds?: readonly string[], types?: readonly string[]) {
  const p = new SqlParams(sql.kind);
  const where = [`"seq" > ${p.add(cursor)}`];
  if (directoryIds) where.push(`"directoryId" IN ${p.list(directoryIds)}`);
  if (types?.length) where.push(`"type" IN ${p.list(types)}`);
  return sql.query<Record<string, unknown>>(
    `SELECT "id", "type", "directoryId", "createdAt", "payload", "seq" FROM "ProvisioningEvent" WHERE ${where.join(" AND ")} ORDER BY "seq" LIMIT ${p.add(limit)}`,
    p.values,
  );
}
