// The one wrapper around every machine-facing request (SCIM /api/scim/v2, the token endpoint
// /api/oauth/token, the read-only /api/v1). In order, once for all of them:
//   request id (X-Request-Id on every answer, the activity row and the 500 message) → client address
//   and public origin (lib/http/client-address.ts, public-origin.ts) → `authenticate` → `rateLimit` per
//   caller → `handle` (parse → call → respond) → errors mapped in the protocol's own shape through the
//   one table (lib/http/machine-errors.ts) → one activity-log row, written after the response (`defer`).
// Usage: handleMachineRequest(request, { protocol: "v1", operation: "v1.unknown", authenticate, handle }, { defer }).
// The Next route files pass Next's `after` as `defer`; lib/http/roster-server.ts passes its own queue,
// so both paths answer alike.
import { randomUUID } from "node:crypto";
import { recordActivity, type ActivityEntry } from "@/lib/activity/record-activity";
import type { EventTally } from "@/lib/events/record-events";
import { logger } from "@/lib/logging/logger";
import { observeRequest } from "@/lib/metrics/metrics";
import { clientAddress } from "./client-address";
import { BearerAuthError } from "@/lib/oauth/authenticate-bearer";
import { failureFor, render, type Failure, type MachineProtocol } from "./machine-errors";
import { textResponse } from "./node-bridge";
import { publicOrigin } from "./public-origin";

/** Runs work after the response is sent (Next's `after`); without it the work is awaited inline. */
export type Defer = (task: () => Promise<void>) => void;

/** Who an authenticated request came from, as far as the activity log needs to know. */
export interface Caller {
  directoryId?: string;
  clientId?: string;
  /**
   * Set when `authenticate` answered from memory: settles once the credentials were checked for this
   * request; a rejection is the request's answer, whatever `handle` did (whose transactions wait for it:
   * lib/db/confirmed-database.ts).
   */
  confirmed?: Promise<void>;
}

/** What the activity row says beyond what the wrapper knows; filled in by `handle` as it goes. */
export interface ActivityNote {
  /** e.g. "user.create", "token.issue", "discovery.schemas". */
  operation: string;
  directoryId?: string;
  clientId?: string;
  resourceType?: string;
  resourceId?: string;
  /** The body as received (redacted when written). */
  requestBody?: string;
  /** What the log should say when it differs from what the client is told (e.g. which half of a credential was wrong). */
  errorDetail?: string;
  /** The events the request's changes committed, by type (the sync-health change counts). */
  committedEvents?: EventTally;
}

/**
 * A refused request's activity row is explicit: a flood that is being refused must not become a flood
 * of log writes, so the limiter says whether this refusal gets a row, and how many went unlogged before it.
 */
export type ThrottledLog = { write: false } | { write: true; unloggedBefore: number };

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; message: string; log: ThrottledLog };

export interface MachineCall<C extends Caller> {
  request: Request;
  method: string;
  url: URL;
  requestId: string;
  /** ROSTER_BASE_URL or the request's forwarded origin, without a trailing slash. */
  origin: string;
  clientAddress: string | undefined;
  /** Undefined when `authenticate` let the request through anonymously (e.g. SCIM discovery). */
  caller: C | undefined;
  note: ActivityNote;
}

export interface MachineResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** What the activity log keeps of the body when it must differ from what was sent (an issued token). */
  loggedBody?: unknown;
  /** The handler's say on this success's activity row (a feed poll with nothing new); absent: a row. */
  log?: ThrottledLog;
}

export interface MachineEndpoint<C extends Caller> {
  protocol: MachineProtocol;
  /** The activity row's operation until `handle` names one. */
  operation: string;
  /** The operation logged when the server failed (503/500); `operation` when not given. */
  serverErrorOperation?: string;
  /** Whether the query string is logged; the token endpoint neither reads nor logs one (it could carry a secret). */
  logQuery?: boolean;
  /** false: no activity row at all (the cron route: a scheduler's call is not directory traffic). */
  logActivity?: boolean;
  /** Identifies the caller or throws (BearerAuthError, ApiError, a protocol error); undefined: anonymous. */
  authenticate?(request: Request, url: URL): Promise<C | undefined>;
  /** Counts the caller's request; runs only for an authenticated caller. */
  rateLimit?(caller: C): RateVerdict;
  handle(call: MachineCall<C>): Promise<MachineResult>;
}

export interface MachineRequestOptions {
  defer?: Defer;
}

export async function handleMachineRequest<C extends Caller>(request: Request, endpoint: MachineEndpoint<C>, options: MachineRequestOptions = {}): Promise<Response> {
  const started = performance.now();
  const requestId = randomUUID();
  const url = parseUrl(request.url);
  const address = clientAddress(request);
  const note: ActivityNote = { operation: endpoint.operation };
  let throttledLog: ThrottledLog = { write: true, unloggedBefore: 0 };
  let result: MachineResult;
  try {
    const caller = endpoint.authenticate ? await endpoint.authenticate(request, url) : undefined;
    note.directoryId = caller?.directoryId;
    note.clientId = caller?.clientId;
    const answer = async (): Promise<MachineResult> => {
      const verdict: RateVerdict = caller && endpoint.rateLimit ? endpoint.rateLimit(caller) : { allowed: true };
      if (!verdict.allowed) {
        note.operation = "rate_limited";
        throttledLog = verdict.log;
        return render(endpoint.protocol, "rate_limited", verdict.message, { "Retry-After": String(verdict.retryAfterSeconds) });
      }
      const call: MachineCall<C> = {
        request,
        method: request.method.toUpperCase(),
        url,
        requestId,
        origin: publicOrigin(request),
        clientAddress: address,
        caller,
        note,
      };
      const handled = await endpoint.handle(call);
      if (handled.log && handled.status < 400) throttledLog = handled.log;
      return handled;
    };
    result = await confirmedAnswer(answer(), caller?.confirmed);
  } catch (e) {
    const failure: Failure = failureFor(endpoint.protocol, e, requestId);
    if (e instanceof BearerAuthError) {
      // Logged as a refusal at the door, whatever the handler had noted before the check answered.
      for (const key of Object.keys(note)) delete (note as unknown as Record<string, unknown>)[key];
      Object.assign(note, { operation: endpoint.operation }, e.caller);
      throttledLog = { write: true, unloggedBefore: 0 };
    }
    if (failure.serverSide && endpoint.serverErrorOperation) note.operation = endpoint.serverErrorOperation;
    result = failure;
  }

  const text = result.body === undefined ? undefined : JSON.stringify(result.body);
  const response = textResponse(
    result.status === 204 || result.status === 304 || text === undefined ? null : text,
    {
      status: result.status,
      headers: { ...(text === undefined ? {} : { "Content-Type": CONTENT_TYPES[endpoint.protocol] }), ...PROTOCOL_HEADERS[endpoint.protocol], ...result.headers, "X-Request-Id": requestId },
    },
    request,
  );

  if (endpoint.logActivity === false) return response;
  const durationMs = performance.now() - started;
  observeRequest({ protocol: endpoint.protocol, directoryId: note.directoryId, operation: note.operation, status: result.status, durationMs });
  // The path, never the query string (it can carry a token) nor a body or header.
  logger().info(
    { requestId, directoryId: note.directoryId, protocol: endpoint.protocol, method: request.method.toUpperCase(), path: url.pathname, operation: note.operation, status: result.status, duration: Math.round(durationMs) },
    "request",
  );
  if (!throttledLog.write) return response;
  const error = result.status >= 400 ? errorOf(endpoint.protocol, result.body) : {};
  let errorDetail = result.status >= 400 ? (note.errorDetail ?? error.detail) : undefined;
  if (throttledLog.unloggedBefore > 0) errorDetail = `${errorDetail ?? "Too many requests"} (${throttledLog.unloggedBefore} more throttled requests since the last logged one)`;
  const entry: ActivityEntry = {
    directoryId: note.directoryId,
    clientId: note.clientId,
    requestId,
    kind: ACTIVITY_KINDS[endpoint.protocol],
    method: request.method.toUpperCase(),
    path: url.pathname,
    query: endpoint.logQuery === false ? "" : url.search.replace(/^\?/, ""),
    status: result.status,
    scimType: error.scimType,
    errorDetail,
    operation: note.operation,
    resourceType: note.resourceType,
    resourceId: note.resourceId,
    durationMs,
    ip: address,
    userAgent: request.headers.get("user-agent"),
    requestBody: note.requestBody,
    responseBody: result.loggedBody === undefined ? text : JSON.stringify(result.loggedBody),
    committedEvents: note.committedEvents,
  };
  const task = () => recordActivity(entry);
  if (options.defer) options.defer(task);
  else await task();
  return response;
}

/** The handler's answer once the caller is confirmed; the confirmation's refusal wins over anything. */
async function confirmedAnswer(answer: Promise<MachineResult>, confirmed: Promise<void> | undefined): Promise<MachineResult> {
  if (!confirmed) return answer;
  const [handled, check] = await Promise.allSettled([answer, confirmed]);
  if (check.status === "rejected") throw check.reason;
  if (handled.status === "rejected") throw handled.reason;
  return handled.value;
}

export const CONTENT_TYPES: Record<MachineProtocol, string> = {
  scim: "application/scim+json", // RFC 7644 §3.1
  oauth: "application/json;charset=UTF-8",
  v1: "application/json",
};

const PROTOCOL_HEADERS: Record<MachineProtocol, Record<string, string>> = {
  scim: { "Cache-Control": "no-store" },
  // RFC 6749 §5.1: on every response that may carry a token.
  oauth: { "Cache-Control": "no-store", Pragma: "no-cache" },
  v1: { "Cache-Control": "no-store" },
};

const ACTIVITY_KINDS: Record<MachineProtocol, ActivityEntry["kind"]> = { scim: "scim", oauth: "token", v1: "api" };

/** The detail (and SCIM's scimType) of an error body in the protocol's shape, for the activity row. */
function errorOf(protocol: MachineProtocol, body: unknown): { detail?: string; scimType?: string } {
  const b = (body ?? {}) as { detail?: string; scimType?: string; error_description?: string; error?: { message?: string } };
  if (protocol === "scim") return { detail: b.detail, scimType: b.scimType };
  if (protocol === "oauth") return { detail: b.error_description };
  return { detail: b.error?.message };
}

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    return new URL("http://invalid/");
  }
}
