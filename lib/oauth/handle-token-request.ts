// POST /api/oauth/token: the OAuth 2.0 client-credentials grant (RFC 6749 §4.4) as Entra ID uses it.
// Client authentication by HTTP Basic or by client_id/client_secret in the form body (§2.3.1), errors
// in the §5.2 shape, failed attempts limited per client id and per address across all instances.
import { randomUUID } from "node:crypto";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { hitRateLimit, peekRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { clientAddress } from "./client-address";
import { digestsEqual, newAccessToken, sha256Hex } from "./credentials";
import { OAuthError, oauthErrorResponse, oauthJson } from "./oauth-error";
import { SCIM_SCOPE, tokenSettings } from "./token-settings";

const MAX_BODY_BYTES = 16 * 1024;
const BASIC_CHALLENGE = 'Basic realm="roster", charset="UTF-8"';
// Compared against when the client id is unknown, so the answer takes as long as for a wrong secret.
const DUMMY_DIGEST = sha256Hex("roster-no-such-client");

interface Credentials {
  clientId: string;
  clientSecret: string;
  viaBasic: boolean;
}

interface Outcome {
  response: Response;
  directoryId?: string;
  clientId?: string;
  operation: string;
  errorDetail?: string;
}

async function readForm(request: Request): Promise<{ form: URLSearchParams; text: string }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type.trim())) {
    throw new OAuthError("invalid_request", "The request must be application/x-www-form-urlencoded");
  }
  const buf = await request.arrayBuffer();
  if (buf.byteLength > MAX_BODY_BYTES) throw new OAuthError("invalid_request", "The request body is too large");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    throw new OAuthError("invalid_request", "The request body is not valid UTF-8");
  }
  const form = new URLSearchParams(text);
  // RFC 6749 §3.2: request parameters must not be included more than once.
  const seen = new Set<string>();
  for (const key of form.keys()) {
    if (seen.has(key)) throw new OAuthError("invalid_request", `Parameter ${key} is repeated`);
    seen.add(key);
  }
  return { form, text };
}

function decodeBasicPart(part: string): string {
  // §2.3.1: client id and secret are form-urlencoded before Basic encoding.
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    throw new OAuthError("invalid_request", "Malformed HTTP Basic credentials");
  }
}

function readCredentials(request: Request, form: URLSearchParams): Credentials {
  const header = request.headers.get("authorization");
  const basic = header && /^basic\s+/i.test(header) ? header.replace(/^basic\s+/i, "").trim() : undefined;
  if (header && !basic) throw new OAuthError("invalid_request", "Only HTTP Basic client authentication is accepted in the Authorization header");
  const bodyId = form.get("client_id");
  const bodySecret = form.get("client_secret");
  if (basic !== undefined) {
    if (bodySecret !== null) throw new OAuthError("invalid_request", "Use one client authentication method: HTTP Basic or client_secret in the body, not both");
    const decoded = Buffer.from(basic, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw new OAuthError("invalid_request", "Malformed HTTP Basic credentials");
    const clientId = decodeBasicPart(decoded.slice(0, colon));
    if (bodyId !== null && bodyId !== clientId) throw new OAuthError("invalid_request", "client_id in the body differs from the HTTP Basic client");
    return { clientId, clientSecret: decodeBasicPart(decoded.slice(colon + 1)), viaBasic: true };
  }
  if (bodyId === null && bodySecret === null) throw new OAuthError("invalid_request", "Client authentication is required (HTTP Basic or client_id and client_secret)");
  if (!bodyId || bodySecret === null) throw new OAuthError("invalid_request", "Both client_id and client_secret are required");
  return { clientId: bodyId, clientSecret: bodySecret, viaBasic: false };
}

function failureRules(clientId: string, address: string): RateLimitRule[] {
  const s = tokenSettings();
  return [
    { key: `token-fail:client:${clientId.slice(0, 200)}`, limit: s.maxFailures, windowSeconds: s.failureWindowSeconds },
    { key: `token-fail:ip:${address}`, limit: s.maxFailures, windowSeconds: s.failureWindowSeconds },
  ];
}

async function issue(request: Request, form: URLSearchParams): Promise<Outcome> {
  const grantType = form.get("grant_type");
  if (!grantType) throw new OAuthError("invalid_request", "grant_type is required");
  if (grantType !== "client_credentials") throw new OAuthError("unsupported_grant_type", "Only grant_type=client_credentials is supported");
  const creds = readCredentials(request, form);
  const address = clientAddress(request);
  const rules = failureRules(creds.clientId, address);
  for (const rule of rules) {
    const state = await peekRateLimit(rule);
    if (!state.allowed) {
      return {
        response: oauthErrorResponse(new OAuthError("invalid_client", "Too many failed attempts; retry later", 429, { "Retry-After": String(state.retryAfterSeconds) })),
        clientId: creds.clientId,
        operation: "token.rate_limited",
        errorDetail: "too many failed attempts",
      };
    }
  }
  const db = getDb();
  const client = await db.apiClient.findUnique({
    where: { clientId: creds.clientId },
    select: { id: true, directoryId: true, secretHash: true, revokedAt: true, directory: { select: { active: true } } },
  });
  const secretMatches = digestsEqual(sha256Hex(creds.clientSecret), client?.secretHash ?? DUMMY_DIGEST);
  const reason = !client ? "unknown client" : !secretMatches ? "wrong secret" : client.revokedAt ? "client revoked" : !client.directory.active ? "directory inactive" : undefined;
  if (reason) {
    for (const rule of rules) await hitRateLimit(rule);
    // One message whatever was wrong: never a hint of which half of the pair failed.
    return {
      response: oauthErrorResponse(new OAuthError("invalid_client", "Client authentication failed", 401, creds.viaBasic ? { "WWW-Authenticate": BASIC_CHALLENGE } : {})),
      directoryId: client?.directoryId,
      clientId: creds.clientId,
      operation: "token.denied",
      errorDetail: reason,
    };
  }
  const scope = form.get("scope")?.trim();
  if (scope && scope.split(/\s+/).some((s) => s !== SCIM_SCOPE)) {
    throw Object.assign(new OAuthError("invalid_scope", `The only scope is "${SCIM_SCOPE}"`), { directoryId: client!.directoryId, clientId: creds.clientId });
  }
  const { ttlSeconds } = tokenSettings();
  const token = newAccessToken();
  const now = new Date();
  await db.$transaction([
    db.accessToken.create({
      data: { tokenHash: sha256Hex(token), clientId: client!.id, directoryId: client!.directoryId, scope: SCIM_SCOPE, expiresAt: new Date(now.getTime() + ttlSeconds * 1000) },
    }),
    db.apiClient.update({ where: { id: client!.id }, data: { lastUsedAt: now } }),
  ]);
  await pruneExpiredTokens();
  return {
    response: oauthJson(200, { access_token: token, token_type: "Bearer", expires_in: ttlSeconds, scope: SCIM_SCOPE }),
    directoryId: client!.directoryId,
    clientId: creds.clientId,
    operation: "token.issue",
  };
}

/** Expired tokens are useless; drop a bounded batch per issued token so the table cannot grow forever. */
async function pruneExpiredTokens() {
  const db = getDb();
  const expired = await db.accessToken.findMany({ where: { expiresAt: { lt: new Date() } }, select: { id: true }, take: 100 });
  if (expired.length) await db.accessToken.deleteMany({ where: { id: { in: expired.map((t) => t.id) } } });
}

export interface HandleTokenOptions {
  defer?: (task: () => Promise<void>) => void;
}

export async function handleTokenRequest(request: Request, options: HandleTokenOptions = {}): Promise<Response> {
  const started = performance.now();
  const requestId = randomUUID();
  let requestText: string | undefined;
  let outcome: Outcome;
  if (request.method.toUpperCase() !== "POST") {
    outcome = {
      response: oauthErrorResponse(new OAuthError("invalid_request", "Use POST", 405, { Allow: "POST" })),
      operation: "token.denied",
      errorDetail: "wrong method",
    };
  } else {
    try {
      const { form, text } = await readForm(request);
      requestText = text;
      outcome = await issue(request, form);
    } catch (e) {
      if (e instanceof OAuthError) {
        const scoped = e as OAuthError & { directoryId?: string; clientId?: string };
        outcome = { response: oauthErrorResponse(e), operation: "token.denied", errorDetail: e.description, directoryId: scoped.directoryId, clientId: scoped.clientId };
      } else if (isDatabaseUnavailable(e)) {
        outcome = {
          response: oauthJson(503, { error: "temporarily_unavailable", error_description: "The database is unavailable; retry later" }, { "Retry-After": "5" }),
          operation: "token.error",
          errorDetail: "database unavailable",
        };
      } else {
        console.error(`[roster] token request ${requestId} failed:`, e instanceof Error ? e.message : e);
        outcome = { response: oauthJson(500, { error: "server_error", error_description: `Internal error (request id ${requestId})` }), operation: "token.error", errorDetail: "internal error" };
      }
    }
  }
  const url = new URL(request.url);
  const response = outcome.response;
  const task = () =>
    recordActivity({
      directoryId: outcome.directoryId,
      clientId: outcome.clientId,
      requestId,
      kind: "token",
      method: request.method.toUpperCase(),
      path: url.pathname,
      query: "",
      status: response.status,
      errorDetail: outcome.errorDetail,
      operation: outcome.operation,
      durationMs: performance.now() - started,
      ip: clientAddress(request),
      userAgent: request.headers.get("user-agent"),
      requestBody: requestText,
      // The token itself never reaches the log: the success body is summarised.
      responseBody: response.status === 200 ? JSON.stringify({ access_token: "[redacted]", token_type: "Bearer" }) : undefined,
    });
  if (options.defer) options.defer(task);
  else await task();
  return response;
}
