// Which requests the production server (roster-server.ts) answers itself rather than through Next.js:
// the machine-facing API, as the route files lay it out.
import { handleV1Request } from "@/lib/api-v1/handle-v1-request";
import { handleMetricsRequest } from "@/lib/metrics/handle-metrics-request";
import { handleTokenRequest } from "@/lib/oauth/handle-token-request";
import { handleScimRequest } from "@/lib/scim-server/handle-scim-request";
import type { Defer } from "./handle-machine-request";
import type { MachineProtocol } from "./machine-errors";

export type ApiHandler = (request: Request, options: { defer: Defer }) => Promise<Response>;

export interface ApiRoute {
  /** The error shape of the answer should the server itself fail to send the handler's. */
  protocol: MachineProtocol;
  handle: ApiHandler;
}

/** The methods the API route files export; Next derives HEAD and OPTIONS, so those stay with it. */
const API_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

const SCIM_ROUTE: ApiRoute = { protocol: "scim", handle: handleScimRequest };
const TOKEN_ROUTE: ApiRoute = { protocol: "oauth", handle: handleTokenRequest };
const V1_ROUTE: ApiRoute = { protocol: "v1", handle: handleV1Request };
const METRICS_ROUTE: ApiRoute = { protocol: "v1", handle: (request) => handleMetricsRequest(request) };

/**
 * Which API route serves a request target (path + query), as the route files are laid out:
 * app/api/scim/v2/[[...path]] (the base URL and everything under it), app/api/oauth/token,
 * app/api/v1/[[...path]] and app/api/metrics.
 */
export function apiRouteFor(method: string | undefined, target: string | undefined): ApiRoute | undefined {
  if (!method || !target || !API_METHODS.has(method)) return undefined;
  if (matchesPrefix(target, "/api/scim/v2", true)) return SCIM_ROUTE;
  if (matchesPrefix(target, "/api/oauth/token", false)) return TOKEN_ROUTE;
  if (matchesPrefix(target, "/api/v1", true)) return V1_ROUTE;
  if (matchesPrefix(target, "/api/metrics", false)) return METRICS_ROUTE;
  return undefined;
}

function matchesPrefix(target: string, prefix: string, subpaths: boolean): boolean {
  if (!target.startsWith(prefix)) return false;
  const next = target.charAt(prefix.length);
  return next === "" || next === "?" || (subpaths && next === "/");
}
