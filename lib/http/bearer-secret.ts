// A shared-secret bearer check for the operator endpoints (/api/cron, /api/metrics).
import { createHash, timingSafeEqual } from "node:crypto";

/** Constant-time: both sides are hashed to one length first, so neither length nor content leaks. */
export function presentsSecret(authorization: string | null, secret: string | undefined): boolean {
  if (!secret) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(authorization ?? ""), digest(`Bearer ${secret}`));
}
