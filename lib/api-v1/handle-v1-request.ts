// Every /api/v1 request: the machine-request wrapper (lib/http/handle-machine-request.ts) does the
// request id, API-key authentication, the per-key rate limit, error mapping to {"error":{"code","message"}}
// and the activity row; this file finds the route, parses its parameters and calls it.
import { z } from "zod";
import { DirectoryReadError } from "@/lib/directory-api/errors";
import { CursorExpiredError, InvalidCursorError } from "@/lib/events/errors";
import type { EventFeedPage } from "@/lib/events/read-event-feed";
import { ApiError } from "@/lib/http/machine-errors";
import { handleMachineRequest, type MachineCall, type MachineEndpoint, type MachineRequestOptions, type MachineResult } from "@/lib/http/handle-machine-request";
import { authenticateApiKey, type ApiKeyCaller } from "./authenticate-api-key";
import { buildOpenApiDocument } from "./openapi";
import { quietPollLog } from "./quiet-polls";
import { apiKeyRateLimit } from "./rate-limit";
import { matchV1Route, type V1Route } from "./routes";

const PREFIX = /^\/api\/v1(?=\/|$)/;

/** The path after /api/v1, decoded; undefined when a segment is not valid percent-encoding. */
function pathSegments(url: URL): string[] | undefined {
  try {
    return url.pathname.replace(PREFIX, "").split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** The query string as the route's parameters: unknown or repeated names are refused, not ignored. */
function parseQuery(url: URL, route: V1Route): unknown {
  const raw: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!(name in route.query)) {
      const known = Object.keys(route.query);
      throw new ApiError("invalid_request", `Unknown parameter "${name}"; ${route.path} takes ${known.length ? known.join(", ") : "no parameters"}`);
    }
    if (name in raw) throw new ApiError("invalid_request", `Parameter "${name}" is given more than once`);
    raw[name] = value;
  }
  const parsed = z.object(route.query).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "");
    throw new ApiError("invalid_request", issue?.message.includes(name) ? issue.message : `Parameter "${name}": ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** The domain's reasons for not answering, as /api/v1 failures. */
function asApiError(e: unknown): unknown {
  if (e instanceof DirectoryReadError) return new ApiError(e.code === "invalid_cursor" ? "invalid_request" : "not_found", e.message);
  if (e instanceof CursorExpiredError) {
    return new ApiError("gone", "This cursor is older than the event retention period: resynchronise through the Directory API (/api/v1/directories/{id}/users and /groups), then poll /api/v1/events without `after` or with a fresh cursor");
  }
  if (e instanceof InvalidCursorError) return new ApiError("invalid_request", e.message);
  return e;
}

function isOpenApiPath(url: URL): boolean {
  return url.pathname.replace(PREFIX, "").replace(/\/$/, "") === "/openapi.json";
}

async function dispatch(call: MachineCall<ApiKeyCaller>): Promise<MachineResult> {
  const segments = pathSegments(call.url);
  const match = segments && matchV1Route(segments);
  if (!match) throw new ApiError("not_found", `No /api/v1 endpoint at ${call.url.pathname}; see /api/v1/openapi.json`);
  const { route, path } = match;
  call.note.operation = `v1.${route.operationId}`;
  if (call.method !== "GET") throw new ApiError("method_not_allowed", `${call.method} is not allowed: /api/v1 is read-only (GET)`, { Allow: "GET" });
  if (route.anonymous) return { status: 200, body: buildOpenApiDocument(call.origin) };
  const caller = call.caller!;
  if (path.directoryId) call.note.directoryId = path.directoryId;
  try {
    const body = await route.handle({ path, query: parseQuery(call.url, route) as never, caller, origin: call.origin });
    if (route.operationId === "listEvents" && (body as EventFeedPage).data.length === 0) return { status: 200, body, log: quietPollLog(caller.id) };
    return { status: 200, body };
  } catch (e) {
    throw asApiError(e);
  }
}

const V1_ENDPOINT: MachineEndpoint<ApiKeyCaller> = {
  protocol: "v1",
  operation: "v1.unknown",
  // The OpenAPI document is public; everything else needs a key.
  authenticate: (request, url) => (isOpenApiPath(url) ? Promise.resolve(undefined) : authenticateApiKey(request)),
  rateLimit: apiKeyRateLimit,
  handle: dispatch,
};

export function handleV1Request(request: Request, options: MachineRequestOptions = {}): Promise<Response> {
  return handleMachineRequest(request, V1_ENDPOINT, options);
}
