// Which requests the production server (roster-server.ts) answers itself rather than through Next.js:
// the identity providers' API, as the route files lay it out.
import { handleTokenRequest } from "@/lib/oauth/handle-token-request";
import { handleScimRequest } from "@/lib/scim-server/handle-scim-request";

export type Defer = (task: () => Promise<void>) => void;
export type ApiHandler = (request: Request, options: { defer: Defer }) => Promise<Response>;

/** The methods the API route files export; Next derives HEAD and OPTIONS, so those stay with it. */
const API_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

/**
 * Which API handler serves a request target (path + query), as the route files are laid out:
 * app/api/scim/v2/[[...path]] (the base URL and everything under it) and app/api/oauth/token.
 */
export function apiHandlerFor(method: string | undefined, target: string | undefined): ApiHandler | undefined {
  if (!method || !target || !API_METHODS.has(method)) return undefined;
  if (matchesPrefix(target, "/api/scim/v2", true)) return handleScimRequest;
  if (matchesPrefix(target, "/api/oauth/token", false)) return handleTokenRequest;
  return undefined;
}

function matchesPrefix(target: string, prefix: string, subpaths: boolean): boolean {
  if (!target.startsWith(prefix)) return false;
  const next = target.charAt(prefix.length);
  return next === "" || next === "?" || (subpaths && next === "/");
}
