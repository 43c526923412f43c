// Settings of admin sessions read from the environment (documented in the README).

type Env = Record<string, string | undefined>;

const DEFAULT_SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** ROSTER_SESSION_MAX_AGE: seconds an admin stays signed in (default 8 hours). */
export function sessionMaxAgeSeconds(env: Env = process.env): number {
  const raw = Number(env.ROSTER_SESSION_MAX_AGE);
  return Number.isInteger(raw) && raw >= 60 ? raw : DEFAULT_SESSION_MAX_AGE_SECONDS;
}

/** The public origin the admin console is served from, when configured. */
export function configuredPublicOrigin(env: Env = process.env): string | undefined {
  const url = env.NEXTAUTH_URL?.trim() || env.ROSTER_BASE_URL?.trim();
  return url ? url.replace(/\/+$/, "") : undefined;
}

/** Session cookies get the Secure attribute when the console is served over https. */
export function secureCookiesEnabled(env: Env = process.env): boolean {
  return configuredPublicOrigin(env)?.startsWith("https://") ?? false;
}
