import type { SqlExecutor } from "@/lib/db/client";

export interface FeedState {
  /** The highest feed position assigned. */
  lastSeq: number;
  /** Every event up to this position has been pruned (retention). */
  prunedThrough: number;
}

export async function readFeedState(sql: SqlExecutor): Promise<FeedState> {
  const [row] = await sql.query<{ lastSeq: unknown; prunedThrough: unknown }>(`SELECT "lastSeq", "prunedThrough" FROM "EventFeedState" WHERE "id" = 1`);
  return { lastSeq: Number(row?.lastSeq ?? 0), prunedThrough: Number(row?.prunedThrough ?? 0) };
}
