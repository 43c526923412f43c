// Fixed-window counters kept in the database, so a limit holds across every instance of Roster.
// The increment is one INSERT … ON CONFLICT DO UPDATE … RETURNING statement: atomic on SQLite and
// PostgreSQL alike, so concurrent requests never lose a count.
import { getDb, type Database } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";

export interface RateLimitRule {
  key: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitState {
  count: number;
  allowed: boolean;
  retryAfterSeconds: number;
}

function state(count: number, windowStart: Date, rule: RateLimitRule, now: Date): RateLimitState {
  const windowEnds = windowStart.getTime() + rule.windowSeconds * 1000;
  return {
    count,
    allowed: count < rule.limit,
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)),
  };
}

/** Counts one event against the rule and returns the state after it. */
export async function hitRateLimit(rule: RateLimitRule): Promise<RateLimitState> {
  return addRateLimitHits(rule, 1);
}

/**
 * Counts `hits` events against the rule in one statement and returns the shared state after them;
 * `allowed` says whether the count is still within the limit. The shared request limiter uses it to
 * flush the increments an instance gathered locally (lib/rate-limit/shared-rate-limiter.ts).
 */
export async function addRateLimitHits(rule: RateLimitRule, hits: number, db: Database = getDb()): Promise<RateLimitState & { windowStart: Date }> {
  const now = new Date();
  const windowFloor = new Date(now.getTime() - rule.windowSeconds * 1000);
  const p = new SqlParams(db.kind);
  const rows = await db.sql.query<{ count: unknown; windowStart: unknown }>(
    `INSERT INTO "RateLimitBucket" ("key", "count", "windowStart") VALUES (${p.add(rule.key)}, ${p.add(hits)}, ${p.add(now)})
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN "RateLimitBucket"."windowStart" < ${p.add(windowFloor)} THEN ${p.add(hits)} ELSE "RateLimitBucket"."count" + ${p.add(hits)} END,
       "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" < ${p.add(windowFloor)} THEN excluded."windowStart" ELSE "RateLimitBucket"."windowStart" END
     RETURNING "count", "windowStart"`,
    p.values,
  );
  const row = rows[0];
  const windowStart = row.windowStart instanceof Date ? row.windowStart : new Date(String(row.windowStart));
  // The limit is reached when the count passes it: `allowed` says whether this event was within it.
  return { ...state(Number(row.count), windowStart, rule, now), allowed: Number(row.count) <= rule.limit, windowStart };
}

/** The rule's state without counting anything. */
export async function peekRateLimit(rule: RateLimitRule): Promise<RateLimitState> {
  const now = new Date();
  const row = await getDb().prisma.rateLimitBucket.findUnique({ where: { key: rule.key } });
  if (!row || row.windowStart.getTime() + rule.windowSeconds * 1000 <= now.getTime()) {
    return { count: 0, allowed: true, retryAfterSeconds: 0 };
  }
  return state(row.count, row.windowStart, rule, now);
}

/** Deletes buckets whose window ended long ago, a bounded number at a time; returns how many. */
export async function pruneRateLimits(olderThanSeconds = 86_400, { prisma: db }: Database = getDb()): Promise<number> {
  const before = new Date(Date.now() - olderThanSeconds * 1000);
  const stale = await db.rateLimitBucket.findMany({ where: { windowStart: { lt: before } }, select: { key: true }, take: 500 });
  if (!stale.length) return 0;
  const { count } = await db.rateLimitBucket.deleteMany({ where: { key: { in: stale.map((s) => s.key) }, windowStart: { lt: before } } });
  return count;
}
