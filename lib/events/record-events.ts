// Writes events inside the caller's transaction, so an event exists exactly when its change does.
// How each event gets its feed position (seq) is explained in ./sequence-events.ts.
import { uuidv7 } from "@/lib/db/uuid7";
import { eventPayloadSchema, type EventPayload } from "@/lib/directory-data/feed-event";
import { chunks, SqlParams, type Sql } from "@/lib/db/sql";
import { settings } from "@/lib/settings";

export interface EventScope {
  directoryId: string;
  /** The request that caused the change (its activity-log row), when there was one. */
  requestId?: string;
}

/** One event to record: its type and data, and the resource it is about. */
export type PendingEvent = EventPayload & { resourceId: string };

/** Rows per INSERT (10 values each: far below either database's limit on bound values). */
const CHUNK = 100;

export const WRITE_ORDER_SEQUENCE = "ProvisioningEvent_writeOrder_seq";

export async function recordEvents(tx: Sql, scope: EventScope, events: readonly PendingEvent[]): Promise<void> {
  // Off only in `npm run bench`'s comparison run (ROSTER_EVENT_FEED=off), which measures what this costs.
  if (!events.length || !settings().events.record) return;
  const parsed = events.map((e) => ({ ...eventPayloadSchema.parse({ type: e.type, data: e.data }), resourceId: e.resourceId }));
  // SQLite: the write lock this transaction holds until COMMIT serialises every writer, so positions
  // taken from the counter here are in commit order. PostgreSQL: the sequencer assigns them later.
  let nextSeq = tx.kind === "sqlite" ? (await reserveSeqs(tx, parsed.length)) : null;
  const now = new Date();
  // Ids of one millisecond, sorted: the console lists events by (createdAt, id), and a change's
  // events then keep their order there too.
  const ids = parsed.map(() => uuidv7(now.getTime())).sort();
  let i = 0;
  for (const part of chunks(parsed, CHUNK)) {
    const p = new SqlParams(tx.kind);
    // Placeholders are bound in text order (SQLite's are positional).
    const rows = part.map(
      (e) =>
        `(${p.add(ids[i++])}, ${p.add(scope.directoryId)}, ${p.add(scope.requestId ?? null)}, ${p.add(e.type)}, ${p.add(resourceTypeOf(e.type))}, ${p.add(e.resourceId)}, ${p.json(e.data)}, ${p.add(now)}, ${
          nextSeq === null ? `NULL, nextval('"${WRITE_ORDER_SEQUENCE}"')` : `${p.add(nextSeq++)}, NULL`
        })`,
    );
    await tx.execute(
      `INSERT INTO "ProvisioningEvent" ("id", "directoryId", "requestId", "type", "resourceType", "resourceId", "payload", "createdAt", "seq", "writeOrder") VALUES ${rows.join(", ")}`,
      p.values,
    );
  }
}

/** Takes `count` positions from the feed counter; returns the first. */
async function reserveSeqs(tx: Sql, count: number): Promise<number> {
  const p = new SqlParams(tx.kind);
  const n = p.add(count);
  const [row] = await tx.query<{ lastSeq: number | bigint | string }>(
    `INSERT INTO "EventFeedState" ("id", "lastSeq", "prunedThrough") VALUES (1, ${n}, 0)
     ON CONFLICT ("id") DO UPDATE SET "lastSeq" = "EventFeedState"."lastSeq" + ${p.add(count)} RETURNING "lastSeq"`,
    p.values,
  );
  return Number(row.lastSeq) - count + 1;
}

function resourceTypeOf(type: EventPayload["type"]): string {
  if (type.startsWith("user.")) return "User";
  if (type.startsWith("group.")) return "Group";
  return "Directory";
}
