import type { SqlExecutor } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";

export interface FeedState {
  /** The highest feed position assigned. */
  lastSeq: number;
  /** Every event up to this position has been pruned (retention). */
  prunedThrough: number;
}

/**
 * The highest feed position assigned. PostgreSQL: EventFeedState.lastSeq, kept by the sequencer.
 * SQLite: writers do not update a counter (one page less written per change); the highest position
 * is the highest seq recorded, or EventFeedState's floor when the newest events were deleted since
 * (retention raises prunedThrough, a directory's deletion raises lastSeq: keepFeedPositions).
 */
export const LAST_SEQ_SQLITE = `MAX(COALESCE((SELECT MAX("seq") FROM "ProvisioningEvent"), 0), COALESCE((SELECT MAX("lastSeq", "prunedThrough") FROM "EventFeedState" WHERE "id" = 1), 0))`;

export async function readFeedState(sql: SqlExecutor): Promise<FeedState> {
  const lastSeq = sql.kind === "sqlite" ? LAST_SEQ_SQLITE : `"lastSeq"`;
  const [row] = await sql.query<{ lastSeq: unknown; prunedThrough: unknown }>(
    `SELECT ${lastSeq} AS "lastSeq", COALESCE((SELECT "prunedThrough" FROM "EventFeedState" WHERE "id" = 1), 0) AS "prunedThrough"${sql.kind === "sqlite" ? "" : ` FROM "EventFeedState" WHERE "id" = 1`}`,
  );
  return { lastSeq: Number(row?.lastSeq ?? 0), prunedThrough: Number(row?.prunedThrough ?? 0) };
}

/**
 * Before deleting events other than by retention (a directory's): positions, once given, are never
 * given again, so on SQLite the floor is raised to the highest one first (PostgreSQL's counter
 * already holds it). Inside the deleting transaction.
 */
export async function keepFeedPositions(tx: Sql): Promise<void> {
  if (tx.kind !== "sqlite") return;
  await tx.execute(
    `INSERT INTO "EventFeedState" ("id", "lastSeq", "prunedThrough") VALUES (1, ${LAST_SEQ_SQLITE}, 0)
     ON CONFLICT ("id") DO UPDATE SET "lastSeq" = excluded."lastSeq"`,
  );
}
