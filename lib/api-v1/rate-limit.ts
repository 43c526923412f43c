// The per-key request limit of /api/v1, shared by every instance: the same database-backed limiter as
// SCIM's per-directory limit (lib/rate-limit/scim-rate-limiter.ts), counting per API key.
import type { RateVerdict } from "@/lib/http/handle-machine-request";
import { ScimRateLimiter, type ScimRateLimitSettings } from "@/lib/rate-limit/scim-rate-limiter";
import { settings } from "@/lib/settings";
import type { ApiKeyCaller } from "./authenticate-api-key";

/** ROSTER_API_RATE_LIMIT requests per ROSTER_API_RATE_WINDOW_SECONDS, per API key (0 = off; defaults in lib/settings.ts). */
export function apiRateLimitSettings(): ScimRateLimitSettings {
  const { rateLimit, rateWindowSeconds } = settings().api;
  return { limit: rateLimit, windowSeconds: rateWindowSeconds };
}

let limiter: ScimRateLimiter | undefined;

export function apiKeyRateLimiter(): ScimRateLimiter {
  limiter ??= new ScimRateLimiter({ keyPrefix: "v1", settings: apiRateLimitSettings });
  return limiter;
}

export function apiKeyRateLimit(caller: ApiKeyCaller): RateVerdict {
  return apiKeyRateLimiter().verdict(caller.id, "with this API key");
}
