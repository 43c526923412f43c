// The per-key request limit of /api/v1, shared by every instance (lib/rate-limit/shared-rate-limiter.ts).
import type { RateVerdict } from "@/lib/http/handle-machine-request";
import { SharedRateLimiter, type RateLimiterSettings } from "@/lib/rate-limit/shared-rate-limiter";
import { settings } from "@/lib/settings";
import type { ApiKeyCaller } from "./authenticate-api-key";

/** ROSTER_API_RATE_LIMIT requests per ROSTER_API_RATE_WINDOW_SECONDS, per API key (0 = off; defaults in lib/settings.ts). */
export function apiRateLimitSettings(): RateLimiterSettings {
  const { rateLimit, rateWindowSeconds } = settings().api;
  return { limit: rateLimit, windowSeconds: rateWindowSeconds };
}

// Plain module state, as SCIM's limiter (lib/scim-server/rate-limit.ts).
let limiter: SharedRateLimiter | undefined;

export function apiKeyRateLimiter(): SharedRateLimiter {
  return (limiter ??= new SharedRateLimiter({ keyPrefix: "v1", settings: apiRateLimitSettings }));
}

export function apiKeyRateLimit(caller: ApiKeyCaller): RateVerdict {
  return apiKeyRateLimiter().verdict(caller.id, "with this API key");
}
