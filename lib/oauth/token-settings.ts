// Token endpoint settings (README: ROSTER_TOKEN_TTL_SECONDS, ROSTER_TOKEN_MAX_FAILURES,
// ROSTER_TOKEN_FAILURE_WINDOW_SECONDS), read by lib/settings.ts.
import { settings } from "@/lib/settings";

export interface TokenSettings {
  /** expires_in of issued tokens, clamped to 300–86400 s; Entra ID accepts 3600–21600 s. */
  ttlSeconds: number;
  /** Failed client authentications allowed per client id, and per address, within the window; more → 429. */
  maxFailures: number;
  failureWindowSeconds: number;
}

export function tokenSettings(): TokenSettings {
  return settings().token;
}

/**
 * The only scope (RFC 6749 §3.3). scope is optional; the only scope is `scim`, full SCIM access to the
 * client's directory. Absent or empty means the same; any other value is invalid_scope.
 */
export const SCIM_SCOPE = "scim";
