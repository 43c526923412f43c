// The per-directory request limit of /api/scim/v2, shared by every instance (lib/rate-limit/shared-rate-limiter.ts).
import type { RateVerdict } from "@/lib/http/handle-machine-request";
import type { BearerContext } from "@/lib/oauth/authenticate-bearer";
import { SharedRateLimiter, type RateLimiterSettings } from "@/lib/rate-limit/shared-rate-limiter";
import { settings } from "@/lib/settings";

/** ROSTER_SCIM_RATE_LIMIT requests per ROSTER_SCIM_RATE_WINDOW_SECONDS, per directory (0 = off; defaults in lib/settings.ts). */
export function scimRateLimitSettings(): RateLimiterSettings {
  const { rateLimit, rateWindowSeconds } = settings().scim;
  return { limit: rateLimit, windowSeconds: rateWindowSeconds };
}

// Plain module state: only one copy of lib/ answers SCIM in a process (the front server's under
// `npm start`), and the shared counter in the database carries the count across a `next dev` reload.
let limiter: SharedRateLimiter | undefined;

export function scimRateLimiter(): SharedRateLimiter {
  return (limiter ??= new SharedRateLimiter({ keyPrefix: "scim", settings: scimRateLimitSettings }));
}

export function scimRateLimit(caller: BearerContext): RateVerdict {
  return scimRateLimiter().verdict(caller.directoryId, "for this directory");
}
