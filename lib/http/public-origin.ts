// The one rule for Roster's public origin (scheme://host, no trailing slash), used for SCIM
// meta.location and $ref values, the connection details shown to admins and printed by the CLI, and
// next-auth's site URL. ROSTER_BASE_URL wins (behind proxies that rewrite Host); otherwise the request's
// Host (X-Forwarded-Host first only with ROSTER_TRUST_PROXY=true: any caller can send that header, and
// the first /api/auth request's origin becomes next-auth's URL), then its URL; without a request,
// http://localhost:3000. X-Forwarded-Proto is always read: it can only choose http or https.
import { settings } from "@/lib/settings";

export interface OriginSource {
  headers: Headers;
  /** The request URL, when there is one (a Web Request); next/headers gives only the headers. */
  url?: string;
}

export const DEFAULT_ORIGIN = "http://localhost:3000";

export interface OriginOptions {
  /** ROSTER_BASE_URL as lib/settings.ts read it (no trailing slash). */
  baseUrl?: string;
  /** ROSTER_TRUST_PROXY. */
  trustProxy?: boolean;
}

export function publicOrigin(source?: OriginSource, options: OriginOptions = { baseUrl: settings().baseUrl, trustProxy: settings().trustProxy }): string {
  if (options.baseUrl) return options.baseUrl;
  if (!source) return DEFAULT_ORIGIN;
  const url = source.url ? safeUrl(source.url) : undefined;
  const h = source.headers;
  // Only a scheme a URL of Roster can have: the header is the caller's, and the origin goes into SCIM's meta.location.
  const forwarded = firstValue(h.get("x-forwarded-proto"))?.toLowerCase();
  const proto = forwarded === "https" || forwarded === "http" ? forwarded : url?.protocol.replace(":", "") || "http";
  const forwardedHost = options.trustProxy ? firstValue(h.get("x-forwarded-host")) : undefined;
  const host = forwardedHost || h.get("host")?.trim() || url?.host || new URL(DEFAULT_ORIGIN).host;
  return `${proto}://${host}`;
}

/** The two URLs an identity provider is configured with. */
export function connectionEndpoints(origin: string) {
  return { tenantUrl: `${origin}/api/scim/v2`, tokenEndpoint: `${origin}/api/oauth/token` };
}

function firstValue(header: string | null): string | undefined {
  return header?.split(",")[0]?.trim() || undefined;
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
