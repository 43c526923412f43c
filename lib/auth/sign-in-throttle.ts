// Slows password guessing on the admin sign-in: after too many failures for one email within a
// window, that email is refused for a while. Counters live in RateLimitBucket, so every instance
// shares them. Keys are prefixed so they never collide with the token endpoint's buckets.
import { getDb, type Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";

const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60 * 1000;
const BLOCK_MS = 15 * 60 * 1000;

const keyFor = (email: string) => `admin-signin:${email.toLowerCase()}`;

export async function isSignInBlocked(email: string, db: Db = getDb(), now = new Date()): Promise<boolean> {
  const bucket = await db.rateLimitBucket.findUnique({ where: { key: keyFor(email) } });
  return Boolean(bucket?.blockedUntil && bucket.blockedUntil > now);
}

export async function recordSignInFailure(email: string, db: Db = getDb(), now = new Date()): Promise<void> {
  const key = keyFor(email);
  for (let attempt = 0; attempt < 2; attempt++) {
    const bucket = await db.rateLimitBucket.findUnique({ where: { key } });
    if (!bucket) {
      try {
        await db.rateLimitBucket.create({ data: { key, count: 1, windowStart: now } });
        return;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        continue; // another instance created it first: count on theirs
      }
    }
    if (now.getTime() - bucket.windowStart.getTime() > WINDOW_MS) {
      await db.rateLimitBucket.update({ where: { key }, data: { count: 1, windowStart: now, blockedUntil: null } });
      return;
    }
    const updated = await db.rateLimitBucket.update({ where: { key }, data: { count: { increment: 1 } } });
    if (updated.count >= MAX_FAILURES) {
      await db.rateLimitBucket.update({ where: { key }, data: { blockedUntil: new Date(now.getTime() + BLOCK_MS) } });
    }
    return;
  }
}

export async function clearSignInFailures(email: string, db: Db = getDb()): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key: keyFor(email) } });
}
