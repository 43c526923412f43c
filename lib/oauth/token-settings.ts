// Token endpoint settings, read from the environment on every request (so they can be changed without
// a code change and tests can vary them). README: ROSTER_TOKEN_TTL_SECONDS, ROSTER_TOKEN_MAX_FAILURES,
// ROSTER_TOKEN_FAILURE_WINDOW_SECONDS.
import { envInt } from "@/lib/env";

export interface TokenSettings {
  /** expires_in of issued tokens, clamped to 300–86400 s; Entra ID accepts 3600–21600 s. */
  ttlSeconds: number;
  /** Failed client authentications allowed per client id, and per address, within the window; more → 429. */
  maxFailures: number;
  failureWindowSeconds: number;
}

export function tokenSettings(): TokenSettings {
  return {
    ttlSeconds: envInt("ROSTER_TOKEN_TTL_SECONDS", 3600, 300, 86_400),
    maxFailures: envInt("ROSTER_TOKEN_MAX_FAILURES", 10, 1, 100_000),
    failureWindowSeconds: envInt("ROSTER_TOKEN_FAILURE_WINDOW_SECONDS", 300, 1, 86_400),
  };
}

/**
 * The only scope (RFC 6749 §3.3). scope is optional; the only scope is `scim`, full SCIM access to the
 * client's directory. Absent or empty means the same; any other value is invalid_scope.
 */
export const SCIM_SCOPE = "scim";
