// Settings of admin sessions (README: ROSTER_SESSION_MAX_AGE, NEXTAUTH_URL, ROSTER_BASE_URL), read by lib/settings.ts.
import { settings } from "@/lib/settings";

/** ROSTER_SESSION_MAX_AGE: seconds an admin stays signed in (default 8 hours). */
export function sessionMaxAgeSeconds(): number {
  return settings().auth.sessionMaxAgeSeconds;
}

/** The public origin the admin console is served from, when configured. */
export function configuredPublicOrigin(): string | undefined {
  return settings().auth.nextAuthUrl ?? settings().baseUrl;
}

/** Session cookies get the Secure attribute when the console is served over https. */
export function secureCookiesEnabled(): boolean {
  return configuredPublicOrigin()?.startsWith("https://") ?? false;
}
