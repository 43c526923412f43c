// The events feed's ordering, and why a poller that keeps its cursor sees every event exactly once.
//
// A feed position assigned before commit (an id, a timestamp, a plain sequence) is not enough: a
// transaction holding position 7 may commit after one holding 8, and a poller that already read 8
// moves past 7 for good. So the position, `seq`, is assigned in COMMIT order:
//
// - SQLite: every write transaction holds the database's write lock until it commits, so the writer
//   numbers its events after the highest position recorded (feed-state.ts), inside its own
//   transaction (record-events.ts); the next writer can only take larger ones after this one committed.
// - PostgreSQL: writers run in parallel. Each event is written with seq NULL and a writeOrder from a
//   sequence, drawn after the change's row locks were taken (so for one resource, writeOrder follows
//   the order of its changes). This sequencer then numbers the COMMITTED unsequenced rows,
//   `lastSeq + row_number() OVER (ORDER BY writeOrder)`, while holding EventFeedState's row lock:
//   sequencer runs (from any instance) are serialised, each run's numbers become visible at once when
//   it commits, and every run starts from the previous run's committed lastSeq. A reader therefore
//   never sees seq N+1 without N, and an event committed later gets a larger seq than any already
//   visible. Rows still uncommitted are invisible to the run and numbered by a later one.
//
// The feed read (read-event-feed.ts) runs the sequencer before `WHERE seq > cursor ORDER BY seq`.
import type { SqlDriver } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";

/** Rows numbered per run: one bounded UPDATE; a backlog is worked off over successive reads. */
export const SEQUENCER_BATCH = 10_000;

export interface SequenceEventsOptions {
  sql: SqlDriver;
  batchSize?: number;
}

/** Assigns feed positions to committed, unsequenced events (PostgreSQL); returns how many. */
export async function sequenceEvents({ sql, batchSize = SEQUENCER_BATCH }: SequenceEventsOptions): Promise<number> {
  if (sql.kind !== "postgresql") return 0;
  // Most reads find nothing to do: say so without taking the lock (and without writing anything).
  const pending = await sql.query(`SELECT 1 FROM "ProvisioningEvent" WHERE "seq" IS NULL AND "writeOrder" IS NOT NULL LIMIT 1`);
  if (!pending.length) return 0;
  return sql.transaction(async (tx) => {
    let [state] = await tx.query<{ lastSeq: string | number }>(`SELECT "lastSeq" FROM "EventFeedState" WHERE "id" = 1 FOR UPDATE`);
    if (!state) {
      await tx.execute(`INSERT INTO "EventFeedState" ("id", "lastSeq", "prunedThrough") VALUES (1, 0, 0) ON CONFLICT ("id") DO NOTHING`);
      [state] = await tx.query<{ lastSeq: string | number }>(`SELECT "lastSeq" FROM "EventFeedState" WHERE "id" = 1 FOR UPDATE`);
    }
    const p = new SqlParams(tx.kind);
    // Read in this statement's snapshot, taken after the lock was granted: it sees every run before.
    const numbered = await tx.query<{ seq: string | number }>(
      `WITH pending AS (
         SELECT "id", "writeOrder" FROM "ProvisioningEvent"
          WHERE "seq" IS NULL AND "writeOrder" IS NOT NULL ORDER BY "writeOrder" LIMIT ${p.add(batchSize)}
       ), numbered AS (
         SELECT "id", row_number() OVER (ORDER BY "writeOrder") AS n FROM pending
       )
       UPDATE "ProvisioningEvent" e SET "seq" = ${p.add(Number(state.lastSeq))}::bigint + numbered.n
         FROM numbered WHERE e."id" = numbered."id"
       RETURNING e."seq"`,
      p.values,
    );
    if (!numbered.length) return 0;
    // The highest number given (a row deleted meanwhile, with its directory, leaves a harmless hole).
    const last = Math.max(...numbered.map((r) => Number(r.seq)));
    const u = new SqlParams(tx.kind);
    await tx.execute(`UPDATE "EventFeedState" SET "lastSeq" = ${u.add(last)} WHERE "id" = 1`, u.values);
    return numbered.length;
  });
}
