// The one table from a failure to its answer, for every machine-facing endpoint, in each protocol's own
// shape: SCIM's error resource with scimType (RFC 7644 §3.12), RFC 6749 §5.2's {error,
// error_description} for the token endpoint, and {"error":{"code","message"}} for /api/v1. A handler
// throws a protocol error (ScimError, OAuthError) or an ApiError naming a row of FAILURES; the
// database's transient failures become 503 + Retry-After here and nowhere else; anything unknown is a
// 500 that names the request id and nothing of the internals.
import { logger } from "@/lib/logging/logger";
import { classifyDbError, isTransientDbError } from "@/lib/db/errors";
import { BearerAuthError } from "@/lib/oauth/authenticate-bearer";
import { OAuthError, type OAuthErrorCode } from "@/lib/oauth/oauth-error";
import { ScimError, scimErrorBody, type ScimType } from "@/lib/scim/errors";

export type MachineProtocol = "scim" | "oauth" | "v1";

export type FailureCode =
  | "invalid_request"
  | "invalid_value"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "gone"
  | "payload_too_large"
  | "rate_limited"
  | "internal"
  | "not_implemented"
  | "unavailable";

interface FailureRow {
  status: number;
  /** SCIM's scimType, where RFC 7644 §3.12 has one for it. */
  scimType?: ScimType;
  /** RFC 6749 §5.2 has no code for most of these; the nearest one a client understands. */
  oauth: OAuthErrorCode;
}

export const FAILURES: Record<FailureCode, FailureRow> = {
  invalid_request: { status: 400, oauth: "invalid_request" },
  invalid_value: { status: 400, scimType: "invalidValue", oauth: "invalid_request" },
  unauthorized: { status: 401, oauth: "invalid_client" },
  forbidden: { status: 403, oauth: "unauthorized_client" },
  not_found: { status: 404, oauth: "invalid_request" },
  method_not_allowed: { status: 405, oauth: "invalid_request" },
  conflict: { status: 409, scimType: "uniqueness", oauth: "invalid_request" },
  gone: { status: 410, oauth: "invalid_request" },
  payload_too_large: { status: 413, oauth: "invalid_request" },
  // RFC 6585 §4; clients, Entra ID included, retry after Retry-After.
  rate_limited: { status: 429, oauth: "temporarily_unavailable" },
  internal: { status: 500, oauth: "server_error" },
  not_implemented: { status: 501, oauth: "invalid_request" },
  // "temporarily_unavailable" (§4.1.2.1) with 503 and Retry-After is what token clients retry.
  unavailable: { status: 503, oauth: "temporarily_unavailable" },
};

/** An error any machine endpoint may throw; each protocol renders it through FAILURES. */
export class ApiError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Seconds a client should wait before retrying when the database is unavailable (RFC 9110 §10.2.3). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** A failure answered: status, the protocol's body and headers, and what the activity log says. */
export interface Failure {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /** Safe to show and to log. */
  detail: string;
  /** The server could not do its part (503/500): the request itself was not at fault. */
  serverSide: boolean;
}

/** The failure as `protocol` answers it. `requestId` goes into a 500's message so support can find the log line. */
export function failureFor(protocol: MachineProtocol, e: unknown, requestId: string): Failure {
  // Protocol errors in their own protocol: exactly as thrown.
  if (protocol === "scim" && e instanceof ScimError) return native(e.status, scimErrorBody(e.status, e.message, e.scimType), e.message, e.headers);
  if (protocol === "oauth" && e instanceof OAuthError) return native(e.status, e.body, e.description, e.headers);
  // Elsewhere (e.g. a provisioning read that throws a ScimError under /api/v1): by their status.
  if (e instanceof ScimError || e instanceof OAuthError) return render(protocol, codeForStatus(e.status), e.message, e.headers);
  if (e instanceof ApiError) return render(protocol, e.code, e.message, e.headers);
  if (e instanceof BearerAuthError) return render(protocol, "unauthorized", e.message, { "WWW-Authenticate": e.wwwAuthenticate });
  if (classifyDbError(e) === "valueTooLarge") {
    return render(protocol, "invalid_value", "A value is too long to be stored and searched (userName, externalId, email and group displayName must stay under about 2,000 bytes of UTF-8)");
  }
  if (isTransientDbError(e)) {
    // Nothing of the request was applied (one transaction); Entra ID retries a 503 after Retry-After.
    return render(protocol, "unavailable", "The database is temporarily unavailable; retry later", { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) });
  }
  // The stack, not a dump of the error: a driver error's properties can carry the statement's values.
  logger().error({ requestId, protocol, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, "request failed");
  return render(protocol, "internal", `Internal server error (request id ${requestId})`);
}

/** A row of FAILURES in the protocol's own shape. */
export function render(protocol: MachineProtocol, code: FailureCode, message: string, headers: Record<string, string> = {}): Failure {
  const row = FAILURES[code];
  const body =
    protocol === "scim" ? scimErrorBody(row.status, message, row.scimType) : protocol === "oauth" ? { error: row.oauth, error_description: message } : { error: { code, message } };
  return { status: row.status, body, headers, detail: message, serverSide: row.status >= 500 };
}

function native(status: number, body: unknown, detail: string, headers: Record<string, string> = {}): Failure {
  return { status, body, headers, detail, serverSide: status >= 500 };
}

function codeForStatus(status: number): FailureCode {
  const found = (Object.keys(FAILURES) as FailureCode[]).find((code) => FAILURES[code].status === status);
  return found ?? (status >= 500 ? "internal" : "invalid_request");
}
