// Slows password guessing on the admin sign-in: after MAX_FAILURES failures for one email within a
// window, that email is refused until the window ends. The counters are the shared fixed-window
// buckets of lib/rate-limit (in the database, so every instance sees them); keys are prefixed so they
// never collide with the token endpoint's.
import { getDb, type Database } from "@/lib/db/client";
import { hitRateLimit, peekRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limit";

const MAX_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

function rule(email: string): RateLimitRule {
  return { key: `admin-signin:${email.toLowerCase()}`, limit: MAX_FAILURES, windowSeconds: WINDOW_SECONDS };
}

export async function isSignInBlocked(email: string): Promise<boolean> {
  return !(await peekRateLimit(rule(email))).allowed;
}

export async function recordSignInFailure(email: string): Promise<void> {
  await hitRateLimit(rule(email));
}

export async function clearSignInFailures(email: string, db: Database = getDb()): Promise<void> {
  await db.prisma.rateLimitBucket.deleteMany({ where: { key: rule(email).key } });
}
