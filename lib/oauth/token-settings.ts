// Token endpoint settings from the environment (listed in the README).
function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === "" ? NaN : Number(raw);
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

export function tokenSettings() {
  return {
    /** expires_in; Entra ID accepts 3600–21600 s. */
    ttlSeconds: envInt("ROSTER_TOKEN_TTL_SECONDS", 3600, 300, 86_400),
    /** Failed authentications per client id, and per address, before 429. */
    maxFailures: envInt("ROSTER_TOKEN_MAX_FAILURES", 10, 1, 100_000),
    failureWindowSeconds: envInt("ROSTER_TOKEN_FAILURE_WINDOW_SECONDS", 300, 1, 86_400),
  };
}

/** The only scope: full SCIM access to the client's own directory. Absent or empty means the same. */
export const SCIM_SCOPE = "scim";
