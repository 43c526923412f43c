// Slows password guessing on the admin sign-in: after MAX_FAILURES failures for one email within a
// window, that email is refused until the window ends. Failures for emails no admin has, and refused
// single sign-ons, are audited at most UNKNOWN_AUDITS_PER_ADDRESS times per client address and
// UNKNOWN_AUDITS in all per window (each kind in its own buckets), so a spray cannot flood the audit
// log. The counters are the shared fixed-window buckets of lib/rate-limit (in the database, so every
// instance sees them); keys are prefixed so they never collide with the token endpoint's.
import { getDb, type Database } from "@/lib/db/client";
import { hitRateLimit, peekRateLimit, type RateLimitRule, type RateLimitState } from "@/lib/rate-limit/rate-limit";

const MAX_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;
export const UNKNOWN_AUDITS_PER_ADDRESS = 5;
export const UNKNOWN_AUDITS = 100;

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

/** A kind of sign-in refusal whose audit rows are bounded: its buckets' prefix and its words in the note. */
interface BoundedRefusal {
  prefix: string;
  what: string;
}

const UNKNOWN_EMAIL: BoundedRefusal = { prefix: "admin-signin-audit", what: "failed sign-ins for unknown emails" };
const REFUSED_SSO: BoundedRefusal = { prefix: "admin-sso-audit", what: "refused single sign-ons" };

/**
 * Whether a refusal gets an audit row (at most UNKNOWN_AUDITS_PER_ADDRESS per client address and
 * UNKNOWN_AUDITS in all per window), and for the last one a window allows, the note that says so.
 */
async function auditBounded(ip: string | undefined, { prefix, what }: BoundedRefusal): Promise<{ record: boolean; note?: string }> {
  const byAddress = await hitRateLimit({ key: `${prefix}:${ip ?? "unknown"}`, limit: UNKNOWN_AUDITS_PER_ADDRESS, windowSeconds: WINDOW_SECONDS });
  if (!byAddress.allowed) return { record: false };
  const all = await hitRateLimit({ key: `${prefix}:*`, limit: UNKNOWN_AUDITS, windowSeconds: WINDOW_SECONDS });
  if (!all.allowed) return { record: false };
  const last = byAddress.count === UNKNOWN_AUDITS_PER_ADDRESS ? ["from this address", byAddress] : all.count === UNKNOWN_AUDITS ? ["from any address", all] : undefined;
  if (!last) return { record: true };
  const [from, bucket] = last as [string, RateLimitState];
  return { record: true, note: `Further ${what} ${from} are not recorded for up to ${Math.ceil(bucket.retryAfterSeconds / 60)} min` };
}

/** Whether a failed password sign-in for an unknown email gets an audit row (see auditBounded). */
export function auditUnknownEmailFailure(ip: string | undefined): Promise<{ record: boolean; note?: string }> {
  return auditBounded(ip, UNKNOWN_EMAIL);
}

/**
 * Whether a refused single sign-on gets an audit row (see auditBounded): anyone with an account at the
 * identity provider (a public one such as Google, or another tenant's user) can be refused at will.
 */
export function auditRefusedSsoSignIn(ip: string | undefined): Promise<{ record: boolean; note?: string }> {
  return auditBounded(ip, REFUSED_SSO);
}
