// Writes events inside the caller's transaction, so an event exists exactly when its change does.
// How each event gets its feed position (seq) is explained in ./sequence-events.ts.
import { uuidv7 } from "@/lib/db/uuid7";
import type { EventPayload } from "@/lib/directory-data/feed-event";
import { chunks, send, SqlParams, type Sql } from "@/lib/db/sql";
import { metrics } from "@/lib/metrics/metrics";
import { settings } from "@/lib/settings";
import { LAST_SEQ_SQLITE } from "./feed-state";

export interface EventScope {
  directoryId: string;
  /** The request that caused the change (its activity-log row), when there was one. */
  requestId?: string;
  /** The request's committed events by type, for its sync-health change counts (no read of the feed). */
  committedEvents?: EventTally;
}

export type EventTally = Map<EventPayload["type"], number>;

/** One event to record: its type and data, and the resource it is about. */
export type PendingEvent = EventPayload & { resourceId: string };

/** Rows per INSERT (10 values each: far below either database's limit on bound values). */
const CHUNK = 100;

export const WRITE_ORDER_SEQUENCE = "ProvisioningEvent_writeOrder_seq";

export async function recordEvents(tx: Sql, scope: EventScope, events: readonly PendingEvent[]): Promise<void> {
  // Off only in `npm run bench`'s comparison run (ROSTER_EVENT_FEED=off), which measures what this costs.
  if (!events.length || !settings().events.record) return;
  // Not parsed here: PendingEvent's type holds writers to the catalogue, and the tests parse every
  // event they read back with feedEventSchema (a parse per write would cost every SCIM request).
  // SQLite: the write lock this transaction holds until COMMIT serialises every writer, so positions
  // following the highest recorded are in commit order. PostgreSQL: the sequencer assigns them later.
  let nextSeq = tx.kind === "sqlite" ? await nextSeqOf(tx) : null;
  const now = new Date();
  // Time-ordered ids (uuidv7), sorted: a change's events land in order at the end of the key's index.
  const ids = events.map(() => uuidv7(now.getTime())).sort();
  let i = 0;
  for (const part of chunks(events, CHUNK)) {
    const p = new SqlParams(tx.kind);
    // Placeholders are bound in text order (SQLite's are positional).
    const rows = part.map(
      (e) =>
        `(${p.add(ids[i++])}, ${p.add(scope.directoryId)}, ${p.add(scope.requestId ?? null)}, ${p.add(e.type)}, ${p.add(resourceTypeOf(e.type))}, ${p.add(e.resourceId)}, ${p.json(e.data)}, ${p.add(now)}, ${
          nextSeq === null ? `NULL, nextval('"${WRITE_ORDER_SEQUENCE}"')` : `${p.add(nextSeq++)}, NULL`
        })`,
    );
    // Nothing reads its answer: in a transaction it goes out with COMMIT (lib/db/client.ts).
    await send(
      tx,
      `INSERT INTO "ProvisioningEvent" ("id", "directoryId", "requestId", "type", "resourceType", "resourceId", "payload", "createdAt", "seq", "writeOrder") VALUES ${rows.join(", ")}`,
      p.values,
    );
  }
  const byType: EventTally = new Map();
  for (const e of events) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  // Counted once committed: a transaction retried after a conflict writes its events again.
  const count = () => {
    const written = metrics().events;
    for (const [type, n] of byType) {
      written.inc({ type }, n);
      scope.committedEvents?.set(type, (scope.committedEvents.get(type) ?? 0) + n);
    }
  };
  if (tx.afterCommit) tx.afterCommit(count);
  else count();
}

/** The first of the next positions on SQLite (this transaction holds the write lock: nobody else takes them). */
async function nextSeqOf(tx: Sql): Promise<number> {
  const [row] = await tx.query<{ lastSeq: number | bigint | string }>(`SELECT ${LAST_SEQ_SQLITE} AS "lastSeq"`);
  return Number(row.lastSeq) + 1;
}

function resourceTypeOf(type: EventPayload["type"]): string {
  if (type.startsWith("user.")) return "User";
  if (type.startsWith("group.")) return "Group";
  return "Directory";
}
