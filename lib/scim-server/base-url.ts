// The public base of the SCIM API, for meta.location, Location headers and $ref values.
// ROSTER_BASE_URL wins (behind proxies that rewrite Host); otherwise the request's forwarded headers.
import { settings } from "@/lib/settings";

export function publicOrigin(request: Request): string {
  const configured = settings().baseUrl;
  if (configured) return configured;
  const url = new URL(request.url);
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  return `${proto}://${host}`;
}

export function scimBaseUrl(request: Request): string {
  return `${publicOrigin(request)}/api/scim/v2`;
}
