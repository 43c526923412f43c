// Bearer authentication of /api/scim/v2/* (RFC 6750). It runs on every SCIM request, so it is ONE
// statement: a unique-index lookup by the SHA-256 of the presented token, joined to its client and
// directory. No constant-time compare is needed: the lookup key is a hash of a 256-bit random value, so
// how long the index walk takes says nothing useful about any stored token.
//
// Revoking a client (which deletes its tokens) or deactivating or deleting its directory takes effect on
// the next request, on every instance: every request's check reads the database after the request
// arrived. On PostgreSQL that statement is a round trip, so a token seen before is answered from what
// this process remembers of it (its directory and client, which never change for a token) and checked
// alongside the request's own statements instead of ahead of them: the caller gets `confirmed`, and the
// request's transaction commits, and its answer is sent, only once the check passed
// (lib/db/confirmed-database.ts, lib/http/handle-machine-request.ts). Nothing is trusted from memory
// but which directory to start reading; a failed check answers 401 and forgets the token.
import { getDb, type Database } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";
import { sha256Hex } from "./credentials";

export interface BearerContext {
  directoryId: string;
  /** ApiClient.id (the row). */
  apiClientId: string;
  /** ApiClient.clientId (the public OAuth client_id). */
  clientId: string;
  /**
   * Set when the token was answered from memory: settles once the database confirmed it for this
   * request, rejecting with BearerAuthError when it is no longer good. Nothing may commit or be
   * answered before it resolved.
   */
  confirmed?: Promise<void>;
}

/** A 401 to send with `WWW-Authenticate: <wwwAuthenticate>`; `detail` is safe to show the client. */
export class BearerAuthError extends Error {
  readonly status = 401;
  constructor(
    message: string,
    readonly wwwAuthenticate: string,
    /** The directory and client of a known token that is no longer good (expired, or its client revoked). */
    readonly caller?: { directoryId: string; clientId: string },
  ) {
    super(message);
    this.name = "BearerAuthError";
  }

  get detail(): string {
    return this.message;
  }
}

const CHALLENGE = 'Bearer realm="roster"';
// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const AUTHORIZATION = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

// RFC 6750 §3.1: no error code when the request carried no usable credentials (missing header, another
// scheme, a malformed value); error="invalid_token" once a token was presented and is not good.
function noCredentials(detail: string) {
  return new BearerAuthError(detail, CHALLENGE);
}

function invalidToken(detail: string, row?: TokenRow) {
  const caller = row && { directoryId: row.directoryId, clientId: row.clientId };
  return new BearerAuthError(detail, `${CHALLENGE}, error="invalid_token", error_description="${detail}"`, caller);
}

interface TokenRow {
  directoryId: string;
  apiClientId: string;
  clientId: string;
  expiresAt: unknown;
  expired: unknown;
  revoked: unknown;
  active: unknown;
}

// The conditions are computed in SQL (as 0/1) so both databases answer alike, whatever their boolean
// and timestamp representations.
function tokenSql(p: SqlParams, tokenHash: string): string {
  const now = p.add(new Date());
  const hash = p.add(tokenHash);
  return `SELECT t."directoryId" AS "directoryId", c."id" AS "apiClientId", c."clientId" AS "clientId", t."expiresAt" AS "expiresAt",
                 CASE WHEN t."expiresAt" > ${now} THEN 0 ELSE 1 END AS "expired",
                 CASE WHEN c."revokedAt" IS NULL THEN 0 ELSE 1 END AS "revoked",
                 CASE WHEN d."active" THEN 1 ELSE 0 END AS "active"
            FROM "AccessToken" t
            JOIN "ApiClient" c ON c."id" = t."clientId"
            JOIN "Directory" d ON d."id" = t."directoryId"
           WHERE t."tokenHash" = ${hash}`;
}

/** Tokens this process has seen pass, by their hash (PostgreSQL only): where to start, never a verdict. */
const known = new Map<string, { caller: BearerContext; expiresAt: number }>();
const MAX_KNOWN = 2_000;

function remember(hash: string, caller: BearerContext, expiresAt: unknown) {
  const at = new Date(expiresAt as string | Date).getTime();
  if (!(at > Date.now())) return;
  if (known.size >= MAX_KNOWN) known.delete(known.keys().next().value!);
  known.set(hash, { caller, expiresAt: at });
}

async function checkToken(db: Database, hash: string): Promise<{ caller: BearerContext; expiresAt: unknown }> {
  const p = new SqlParams(db.kind);
  const rows = await db.sql.query<TokenRow>(tokenSql(p, hash), p.values);
  const row = rows[0];
  // A known token's refusal counts against its directory's sync health (a storm of them is what gets
  // an application quarantined by Entra); the same row tells, so it costs no query.
  if (!row) throw invalidToken("The access token is invalid or has expired");
  if (Number(row.expired)) throw invalidToken("The access token is invalid or has expired", row);
  if (Number(row.revoked)) throw invalidToken("The API client of this token was revoked", row);
  if (!Number(row.active)) throw invalidToken("The directory of this token is not active");
  return { caller: { directoryId: row.directoryId, apiClientId: row.apiClientId, clientId: row.clientId }, expiresAt: row.expiresAt };
}

/** The database's word on a remembered token for this request; a refusal forgets it. */
async function confirm(db: Database, hash: string, remembered: BearerContext): Promise<void> {
  try {
    const { caller } = await checkToken(db, hash);
    if (caller.directoryId !== remembered.directoryId || caller.apiClientId !== remembered.apiClientId) throw invalidToken("The access token is invalid or has expired");
  } catch (e) {
    known.delete(hash);
    throw e;
  }
}

export async function authenticateBearer(request: Request): Promise<BearerContext> {
  const header = request.headers.get("authorization");
  if (!header?.trim()) throw noCredentials("Authentication required: send an OAuth 2.0 bearer token from /api/oauth/token");
  const match = AUTHORIZATION.exec(header.trim());
  if (!match) throw noCredentials("The Authorization header must be: Bearer <access token>");
  // Straight to the driver (lib/db/client.ts): it runs on every SCIM request.
  const db = getDb();
  const hash = sha256Hex(match[1]);
  // SQLite answers in-process, with no round trip to hide: always checked first.
  if (db.kind !== "postgresql") return (await checkToken(db, hash)).caller;
  const entry = known.get(hash);
  if (entry && entry.expiresAt > Date.now()) {
    const confirmed = confirm(db, hash, entry.caller);
    // Awaited by whoever answers the request; never an unhandled rejection meanwhile.
    confirmed.catch(() => undefined);
    return { ...entry.caller, confirmed };
  }
  if (entry) known.delete(hash);
  const { caller, expiresAt } = await checkToken(db, hash);
  remember(hash, caller, expiresAt);
  return caller;
}
