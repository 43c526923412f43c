// Fixed-window counters kept in the database, so a limit holds across every instance of Roster.
// The increment is one INSERT … ON CONFLICT DO UPDATE … RETURNING statement: atomic on SQLite and
// PostgreSQL alike, so concurrent requests never lose a count.
import { getDb, getDbKind } from "@/lib/db/client";

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
  const now = new Date();
  const windowFloor = new Date(now.getTime() - rule.windowSeconds * 1000);
  const p = getDbKind() === "sqlite" ? ["?", "?", "?", "?", "?"] : ["$1", "$2", "$3", "$4", "$5"];
  const rows = await getDb().$queryRawUnsafe<{ count: unknown; windowStart: unknown }[]>(
    `INSERT INTO "RateLimitBucket" ("key", "count", "windowStart") VALUES (${p[0]}, 1, ${p[1]})
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN "RateLimitBucket"."windowStart" < ${p[2]} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
       "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" < ${p[3]} THEN ${p[4]} ELSE "RateLimitBucket"."windowStart" END
     RETURNING "count", "windowStart"`,
    rule.key,
    now,
    windowFloor,
    windowFloor,
    now,
  );
  const row = rows[0];
  const windowStart = row.windowStart instanceof Date ? row.windowStart : new Date(String(row.windowStart));
  // The limit is reached when the count passes it: `allowed` says whether this event was within it.
  return { ...state(Number(row.count), windowStart, rule, now), allowed: Number(row.count) <= rule.limit };
}

/** The rule's state without counting anything. */
export async function peekRateLimit(rule: RateLimitRule): Promise<RateLimitState> {
  const now = new Date();
  const row = await getDb().rateLimitBucket.findUnique({ where: { key: rule.key } });
  if (!row || row.windowStart.getTime() + rule.windowSeconds * 1000 <= now.getTime()) {
    return { count: 0, allowed: true, retryAfterSeconds: 0 };
  }
  return state(row.count, row.windowStart, rule, now);
}

/** Deletes buckets whose window ended long ago, a bounded number at a time. */
export async function pruneRateLimits(olderThanSeconds = 86_400) {
  const before = new Date(Date.now() - olderThanSeconds * 1000);
  const stale = await getDb().rateLimitBucket.findMany({ where: { windowStart: { lt: before } }, select: { key: true }, take: 500 });
  if (stale.length) await getDb().rateLimitBucket.deleteMany({ where: { key: { in: stale.map((s) => s.key) } } });
}
