// The one wrapper around every /api/scim/v2/* request: bearer authentication, directory scope, the
// per-directory rate limit, dispatch, error mapping (nothing unknown leaks out as more than a 500 with
// a request id), and one activity-log row per request (throttled requests: at most one a second).
import { randomUUID } from "node:crypto";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable, isRetryableConflict } from "@/lib/db/errors";
import { authenticateBearer, BearerAuthError, type BearerContext } from "@/lib/oauth/authenticate-bearer";
import { scimRateLimiter, type ScimRateLimiter } from "@/lib/rate-limit/scim-rate-limiter";
import { ScimError } from "@/lib/scim/errors";
import type { ActivityNote, ScimCall } from "./call";
import { scimBaseUrl } from "./base-url";
import { isStorageExhausted, isValueTooLargeToIndex } from "./database-errors";
import { handleDiscovery } from "./discovery-endpoints";
import { handleGroups } from "./group-endpoints";
import { scimLimits } from "./limits";
import { errorResult, toResponse, type ScimResponse } from "./responses";
import { readJsonBody } from "./read-body";
import { handleUsers } from "./user-endpoints";

export interface HandleScimOptions {
  /** Runs work after the response is sent (Next's `after`); without it the work is awaited inline. */
  defer?: (task: () => Promise<void>) => void;
  /** The per-directory request limiter; the process-wide one unless a test brings its own. */
  rateLimiter?: ScimRateLimiter;
}

/** Seconds a client should wait before retrying when the database is unavailable (RFC 7231 §7.1.3). */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const DISCOVERY = new Set(["serviceproviderconfig", "serviceproviderconfigs", "resourcetypes", "schemas"]);

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

function clientAddress(request: Request): string | undefined {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || undefined;
}

function mapError(e: unknown, requestId: string): ScimResponse {
  if (e instanceof ScimError) return errorResult(e.status, e.message, e.scimType, e.headers);
  if (isValueTooLargeToIndex(e)) {
    return errorResult(400, "A value is too long to be stored and searched (userName, externalId, email and group displayName must stay under about 2,000 bytes of UTF-8)", "invalidValue");
  }
  if (e instanceof BearerAuthError) return errorResult(e.status, e.message, undefined, { "WWW-Authenticate": e.wwwAuthenticate });
  if (isDatabaseUnavailable(e) || isRetryableConflict(e) || isStorageExhausted(e)) {
    // Entra ID retries a 503 after Retry-After; nothing of the request was applied (one transaction).
    return errorResult(503, "The directory database is temporarily unavailable; retry later", undefined, { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) });
  }
  console.error(`[roster] SCIM request ${requestId} failed:`, e instanceof Error ? e.stack ?? e.message : e);
  return errorResult(500, `Internal server error (request id ${requestId})`);
}

export async function handleScimRequest(request: Request, options: HandleScimOptions = {}): Promise<Response> {
  const started = performance.now();
  const requestId = randomUUID();
  const method = request.method.toUpperCase();
  const limits = scimLimits();
  const note: ActivityNote = { operation: "unknown" };
  let url: URL;
  let auth: BearerContext | undefined;
  let requestText: string | undefined;
  let result: ScimResponse;
  let logThrottled: number | undefined = 0;
  try {
    url = new URL(request.url);
  } catch {
    url = new URL("http://invalid/");
  }
  const segments = pathSegments(url);
  const endpoint = (segments[0] ?? "").toLowerCase();
  try {
    const baseUrl = scimBaseUrl(request);
    if (DISCOVERY.has(endpoint) && !request.headers.get("authorization")) {
      note.operation = `discovery.${endpoint}`;
      result = await handleDiscovery({ method, endpoint: endpoint === "serviceproviderconfigs" ? "serviceproviderconfig" : (endpoint as "schemas"), rest: segments.slice(1), baseUrl, limits, db: getDb() });
    } else {
      auth = await authenticateBearer(request);
      const ctx = { db: getDb(), directoryId: auth.directoryId, requestId, baseUrl };
      const limiter = options.rateLimiter ?? scimRateLimiter();
      const decision = limiter.check(auth.directoryId);
      if (!decision.allowed) {
        // RFC 6585 §4; Entra ID backs off and retries a 429 after Retry-After.
        note.operation = "rate_limited";
        logThrottled = limiter.takeThrottledLogSlot(auth.directoryId);
        result = errorResult(
          429,
          `Too many requests for this directory (limit ${decision.limit} per ${decision.windowSeconds} s); retry after ${decision.retryAfterSeconds} s`,
          undefined,
          { "Retry-After": String(decision.retryAfterSeconds) },
        );
      } else if (DISCOVERY.has(endpoint)) {
        note.operation = `discovery.${endpoint}`;
        result = await handleDiscovery({ method, endpoint: endpoint === "serviceproviderconfigs" ? "serviceproviderconfig" : (endpoint as "schemas"), rest: segments.slice(1), baseUrl, limits, db: ctx.db, directoryId: ctx.directoryId });
      } else {
        const call: ScimCall = {
          request,
          method,
          url,
          rest: segments.slice(1),
          ctx,
          limits,
          note,
          async readBody() {
            const { body, text } = await readJsonBody(request, limits.maxPayloadBytes);
            requestText = text;
            return body;
          },
        };
        if (endpoint === "users") result = await handleUsers(call);
        else if (endpoint === "groups") result = await handleGroups(call);
        else if (endpoint === "bulk" || endpoint === "me" || endpoint === ".search") {
          note.operation = `unsupported.${endpoint}`;
          result = errorResult(501, `/${segments[0]} is not supported by Roster (see /ServiceProviderConfig)`);
        } else {
          result = errorResult(404, segments.length ? `No SCIM endpoint /${segments.join("/")}` : "No SCIM endpoint at the base URL; use /Users or /Groups");
        }
      }
    }
  } catch (e) {
    result = mapError(e, requestId);
  }
  const { response, text } = toResponse(result);
  // Ties what a client saw to its activity-log row (and to the provisioning events it caused).
  response.headers.set("X-Request-Id", requestId);
  const status = result.status;
  const errorBody = status >= 400 ? (result.body as { scimType?: string; detail?: string } | undefined) : undefined;
  const entry = {
    directoryId: auth?.directoryId,
    clientId: auth?.clientId,
    requestId,
    kind: "scim" as const,
    method,
    path: url.pathname,
    query: url.search.replace(/^\?/, ""),
    status,
    scimType: errorBody?.scimType,
    errorDetail: errorBody?.detail,
    operation: note.operation,
    resourceType: note.resourceType,
    resourceId: note.resourceId,
    durationMs: Math.round(performance.now() - started),
    ip: clientAddress(request),
    userAgent: request.headers.get("user-agent") ?? undefined,
    requestBody: requestText,
    responseBody: text,
  };
  // A throttled flood is logged at most once a second per directory; the row says how many were not.
  if (logThrottled === undefined) return response;
  if (logThrottled > 0) entry.errorDetail = `${entry.errorDetail} (${logThrottled} more throttled requests since the last logged one)`;
  const task = () => recordActivity(entry);
  if (options.defer) options.defer(task);
  else await task();
  return response;
}
