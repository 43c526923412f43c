// POST /api/oauth/token: the OAuth 2.0 client-credentials grant (RFC 6749 §4.4) as Entra ID uses it.
// Client authentication by HTTP Basic or by client_id/client_secret in the form body (§2.3.1), answers in
// the §5.1/§5.2 shapes, failed authentications limited per client id and per address across every
// instance (the counters live in the database). Request id, error mapping and the redacted activity row
// come from the machine-request wrapper (lib/http/handle-machine-request.ts).
import { randomUUID } from "node:crypto";
import { REDACTED } from "@/lib/activity/redact";
import { getDb, type Database } from "@/lib/db/client";
import { handleMachineRequest, type ActivityNote, type Caller, type MachineCall, type MachineEndpoint, type MachineRequestOptions, type MachineResult } from "@/lib/http/handle-machine-request";
import { SqlParams } from "@/lib/db/sql";
import { inTransaction } from "@/lib/db/transaction";
import { hitRateLimit, peekRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { digestsEqual, newAccessToken, sha256Hex } from "./credentials";
import { OAuthError } from "./oauth-error";
import { readClientCredentials, readScope, readTokenForm } from "./read-token-request";
import { SCIM_SCOPE, tokenSettings, type TokenSettings } from "./token-settings";

/** §5.2 / RFC 7617: the challenge sent with a 401 when the client authenticated with HTTP Basic. */
const BASIC_CHALLENGE = 'Basic realm="roster", charset="UTF-8"';
/** The one answer to every failed client authentication: never a hint of which half was wrong. */
const AUTH_FAILED = "Client authentication failed";
// Compared against when the client id is unknown, so that answer costs the same hash and compare as a
// wrong secret and timing does not reveal which client ids exist.
const DUMMY_DIGEST = sha256Hex("roster-no-such-client");

/** Refuses the request; the activity row says `detail` (which may say more than the client is told). */
function deny(note: ActivityNote, e: OAuthError, detail = e.description): never {
  note.errorDetail = detail;
  throw e;
}

function failureRules(clientId: string, address: string | undefined, s: TokenSettings): RateLimitRule[] {
  return [
    // Hashed: a client that sends its secret as client_id (swapped fields) must not have it stored.
    { key: `token-fail:client:${sha256Hex(clientId)}`, limit: s.maxFailures, windowSeconds: s.failureWindowSeconds },
    // Without a proxy header every caller is "unknown": one shared bucket would let anyone lock out
    // every client, so the per-address rule applies only when an address is known.
    ...(address === undefined ? [] : [{ key: `token-fail:ip:${address.slice(0, 100)}`, limit: s.maxFailures, windowSeconds: s.failureWindowSeconds }]),
  ];
}

interface ClientRow {
  id: string;
  directoryId: string;
  secretHash: string;
  revoked: boolean;
  active: boolean;
}

/**
 * The client and its directory's state in ONE statement, so a known client id costs the same number of
 * round trips as an unknown one (Prisma would add a second query for the relation only when the row
 * exists, and that difference would tell which client ids exist). Flags are computed in SQL as 0/1 so
 * both databases answer alike.
 */
async function findClient(clientId: string): Promise<ClientRow | undefined> {
  const db = getDb();
  const p = new SqlParams(db.kind);
  const rows = await db.sql.query<Record<keyof ClientRow, unknown>>(
    `SELECT c."id" AS "id", c."directoryId" AS "directoryId", c."secretHash" AS "secretHash",
           CASE WHEN c."revokedAt" IS NULL THEN 0 ELSE 1 END AS "revoked",
           CASE WHEN d."active" THEN 1 ELSE 0 END AS "active"
      FROM "ApiClient" c
      JOIN "Directory" d ON d."id" = c."directoryId"
     WHERE c."clientId" = ${p.add(clientId)}`,
    p.values,
  );
  const row = rows[0];
  if (!row) return undefined;
  return { id: String(row.id), directoryId: String(row.directoryId), secretHash: String(row.secretHash), revoked: Number(row.revoked) === 1, active: Number(row.active) === 1 };
}

/** PostgreSQL's foreign_key_violation, SQLite's "FOREIGN KEY constraint failed". */
const isForeignKeyViolation = (e: unknown) => (e as { code?: string })?.code === "23503" || /foreign key/i.test(String((e as Error)?.message));

interface StoreTokenOptions {
  db: Database;
  client: ClientRow;
  token: string;
  scope: string;
  now: Date;
  ttlSeconds: number;
}

/**
 * Stores the token's digest and the client's lastUsedAt in one transaction. The insert re-checks the
 * client and its directory, so a client revoked or a directory deactivated or deleted since
 * findClient gets no token; false then. Nothing is locked beyond the rows written.
 */
async function storeToken({ db, client, token, scope, now, ttlSeconds }: StoreTokenOptions): Promise<boolean> {
  try {
    return await inTransaction(db, async (tx) => {
      const p = new SqlParams(tx.kind);
      const inserted = await tx.execute(
        `INSERT INTO "AccessToken" ("id", "tokenHash", "clientId", "directoryId", "scope", "createdAt", "expiresAt")
         SELECT ${p.add(randomUUID())}, ${p.add(sha256Hex(token))}, c."id", c."directoryId", ${p.add(scope)}, ${p.add(now)}, ${p.add(new Date(now.getTime() + ttlSeconds * 1000))}
           FROM "ApiClient" c
           JOIN "Directory" d ON d."id" = c."directoryId"
          WHERE c."id" = ${p.add(client.id)} AND c."directoryId" = ${p.add(client.directoryId)} AND c."revokedAt" IS NULL AND d."active"`,
        p.values,
      );
      if (!inserted) return false;
      const q = new SqlParams(tx.kind);
      await tx.execute(`UPDATE "ApiClient" SET "lastUsedAt" = ${q.add(now)} WHERE "id" = ${q.add(client.id)} AND "directoryId" = ${q.add(client.directoryId)}`, q.values);
      return true;
    });
  } catch (e) {
    // Deleted between the insert's check and its commit (PostgreSQL's foreign key check sees it).
    if (isForeignKeyViolation(e)) return false;
    throw e;
  }
}

async function issueToken(call: MachineCall<Caller>): Promise<MachineResult> {
  const { note } = call;
  if (call.method !== "POST") deny(note, new OAuthError("invalid_request", "The token endpoint accepts only POST", 405, { Allow: "POST" }), `method ${call.method.slice(0, 16)}`);
  const form = await readTokenForm(call.request);
  note.requestBody = form.text;
  const params = form.params;
  const grantType = params.get("grant_type");
  if (!grantType) throw new OAuthError("invalid_request", "grant_type is required");
  if (grantType !== "client_credentials") throw new OAuthError("unsupported_grant_type", "Only grant_type=client_credentials is supported");
  const credentials = readClientCredentials(call.request, params);
  note.clientId = credentials.clientId;
  const settings = tokenSettings();
  const rules = failureRules(credentials.clientId, call.clientAddress, settings);

  // Too many recent failures for this client id or from this address: refuse before even looking at the
  // secret, so guessing cannot go on. Only failures count, so a client that authenticates correctly is
  // never slowed down by its own successes. RFC 6749 has no code for this; 429 (RFC 6585 §4) with
  // Retry-After and the §5.2 invalid_client shape is what clients understand.
  for (const [i, rule] of rules.entries()) {
    const state = await peekRateLimit(rule);
    if (!state.allowed) {
      const e = new OAuthError("invalid_client", "Too many failed attempts; retry later", 429, { "Retry-After": String(state.retryAfterSeconds) });
      deny(note, e, `too many failed authentications ${i === 0 ? "for this client id" : "from this address"}`);
    }
  }

  const client = await findClient(credentials.clientId);
  note.directoryId = client?.directoryId;
  // Always one hash and one constant-time compare, whether the client exists or not.
  const secretMatches = digestsEqual(sha256Hex(credentials.clientSecret), client?.secretHash ?? DUMMY_DIGEST);
  const failure = !client ? "unknown client id" : !secretMatches ? "wrong client secret" : client.revoked ? "client revoked" : !client.active ? "directory inactive" : undefined;
  // §5.2: 401 with WWW-Authenticate when the client tried HTTP Basic; 401 for body credentials too.
  const authFailed = () => new OAuthError("invalid_client", AUTH_FAILED, 401, credentials.method === "basic" ? { "WWW-Authenticate": BASIC_CHALLENGE } : undefined);
  if (failure || !client) {
    for (const rule of rules) await hitRateLimit(rule);
    deny(note, authFailed(), failure);
  }

  const scope = readScope(params, SCIM_SCOPE);
  if (!scope) deny(note, new OAuthError("invalid_scope", `The only scope is "${SCIM_SCOPE}" (or none)`));

  const token = newAccessToken();
  const stored = await storeToken({ db: getDb(), client, token, scope, now: new Date(), ttlSeconds: settings.ttlSeconds });
  if (!stored) deny(note, authFailed(), "client revoked or directory inactive or deleted meanwhile");
  note.operation = "token.issue";
  const body = { access_token: token, token_type: "Bearer", expires_in: settings.ttlSeconds, scope };
  // The token itself never reaches the log.
  return { status: 200, body, loggedBody: { ...body, access_token: REDACTED } };
}

const TOKEN_ENDPOINT: MachineEndpoint<Caller> = {
  protocol: "oauth",
  operation: "token.denied",
  serverErrorOperation: "token.error",
  // Parameters belong in the body (§4.4.2); a query string is neither read nor logged, as it could carry a secret.
  logQuery: false,
  // Client authentication is the grant itself (§2.3.1), so it happens in `handle`, after the failure limit.
  handle: issueToken,
};

export function handleTokenRequest(request: Request, options: MachineRequestOptions = {}): Promise<Response> {
  return handleMachineRequest(request, TOKEN_ENDPOINT, options);
}
