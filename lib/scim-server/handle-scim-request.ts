// Every /api/scim/v2/* request: bearer authentication (except anonymous discovery), the per-directory
// rate limit, error mapping and the activity row come from the one machine-request wrapper
// (lib/http/handle-machine-request.ts); this file only finds the endpoint and calls it.
import { getDb } from "@/lib/db/client";
import { confirmedDatabase } from "@/lib/db/confirmed-database";
import { handleMachineRequest, type MachineCall, type MachineEndpoint, type MachineRequestOptions } from "@/lib/http/handle-machine-request";
import { authenticateBearer, type BearerContext } from "@/lib/oauth/authenticate-bearer";
import { connectionEndpoints } from "@/lib/http/public-origin";
import { handleDiscovery, type DiscoveryCall } from "./discovery-endpoints";
import { handleGroups } from "./group-endpoints";
import { handleRootSearch } from "./root-search-endpoint";
import { scimLimits } from "./limits";
import { scimRateLimit } from "./rate-limit";
import { errorResult, type ScimResponse } from "./responses";
import { readJsonBody } from "./read-body";
import { handleUsers } from "./user-endpoints";

const DISCOVERY: Record<string, DiscoveryCall["endpoint"]> = {
  serviceproviderconfig: "serviceproviderconfig",
  serviceproviderconfigs: "serviceproviderconfig",
  resourcetypes: "resourcetypes",
  schemas: "schemas",
};

/** The path after /api/scim/v2, decoded, e.g. ["Users", "<id>"]. */
function pathSegments(url: URL): string[] {
  const after = url.pathname.replace(/^.*?\/api\/scim\/v2/i, "");
  return after.split("/").filter(Boolean).map(decodeSegment);
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function endpointOf(segments: string[]): string {
  return (segments[0] ?? "").toLowerCase();
}

async function dispatch(call: MachineCall<BearerContext>): Promise<ScimResponse> {
  const segments = pathSegments(call.url);
  const endpoint = endpointOf(segments);
  const limits = scimLimits();
  const baseUrl = connectionEndpoints(call.origin).tenantUrl;
  const discovery = DISCOVERY[endpoint];
  if (discovery) {
    call.note.operation = `discovery.${discovery}`;
    return handleDiscovery({ method: call.method, endpoint: discovery, rest: segments.slice(1), baseUrl, limits, db: getDb(), directoryId: call.caller?.directoryId });
  }
  // Only discovery is anonymous (see authenticate below).
  const caller = call.caller!;
  // A remembered token: statements start now, commits wait for the database's word on it.
  const db = caller.confirmed ? confirmedDatabase(getDb(), caller.confirmed) : getDb();
  const scimCall = {
    request: call.request,
    method: call.method,
    url: call.url,
    rest: segments.slice(1),
    ctx: { db, directoryId: caller.directoryId, requestId: call.requestId, baseUrl, committedEvents: (call.note.committedEvents = new Map()) },
    limits,
    note: call.note,
    async readBody() {
      const { body, text } = await readJsonBody(call.request, limits.maxPayloadBytes);
      call.note.requestBody = text;
      return body;
    },
  };
  if (endpoint === "users") return handleUsers(scimCall);
  if (endpoint === "groups") return handleGroups(scimCall);
  if (endpoint === ".search") return handleRootSearch(scimCall);
  if (endpoint === "bulk" || endpoint === "me") {
    call.note.operation = `unsupported.${endpoint}`;
    return errorResult(501, `/${segments[0]} is not supported by Roster (see /ServiceProviderConfig)`);
  }
  return errorResult(404, segments.length ? `No SCIM endpoint /${segments.join("/")}` : "No SCIM endpoint at the base URL; use /Users or /Groups");
}

const SCIM_ENDPOINT: MachineEndpoint<BearerContext> = {
  protocol: "scim",
  operation: "unknown",
  // RFC 7643 §5 lets discovery be read without a token; a token, when sent, is checked (and then
  // /Schemas lists the directory's profile fields).
  authenticate: (request, url) => (DISCOVERY[endpointOf(pathSegments(url))] && !request.headers.get("authorization") ? Promise.resolve(undefined) : authenticateBearer(request)),
  rateLimit: scimRateLimit,
  handle: dispatch,
};

export function handleScimRequest(request: Request, options: MachineRequestOptions = {}): Promise<Response> {
  return handleMachineRequest(request, SCIM_ENDPOINT, options);
}
