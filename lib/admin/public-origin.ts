// The public origin for connection details shown to admins (Tenant URL, Token Endpoint): ROSTER_BASE_URL
// when configured, else the forwarded or direct host headers of the current request — the same rule as
// the SCIM server's own base URL (lib/scim-server/base-url.ts), applied to next/headers.
import { headers } from "next/headers";
import { settings } from "@/lib/settings";

export function originFromHeaders(h: Headers, configured = settings().baseUrl): string {
  if (configured) return configured;
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost:3000";
  return `${proto}://${host}`;
}

export async function getPublicOrigin(): Promise<string> {
  return originFromHeaders(await headers());
}

export function connectionEndpoints(origin: string) {
  return { tenantUrl: `${origin}/api/scim/v2`, tokenEndpoint: `${origin}/api/oauth/token` };
}
