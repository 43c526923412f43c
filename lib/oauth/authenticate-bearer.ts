// Bearer authentication of /api/scim/v2/* (RFC 6750). It runs on every SCIM request, so it is ONE
// statement: a unique-index lookup by the SHA-256 of the presented token, joined to its client and
// directory. No constant-time compare is needed: the lookup key is a hash of a 256-bit random value, so
// how long the index walk takes says nothing useful about any stored token. Revoking a client (which
// deletes its tokens) or deactivating or deleting its directory takes effect on the next request, on
// every instance, because nothing is cached.
import { getDb } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";
import { sha256Hex } from "./credentials";

export interface BearerContext {
  directoryId: string;
  /** ApiClient.id (the row). */
  apiClientId: string;
  /** ApiClient.clientId (the public OAuth client_id). */
  clientId: string;
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
  expired: unknown;
  revoked: unknown;
  active: unknown;
}

// The conditions are computed in SQL (as 0/1) so both databases answer alike, whatever their boolean
// and timestamp representations.
function tokenSql(p: SqlParams, tokenHash: string): string {
  const now = p.add(new Date());
  const hash = p.add(tokenHash);
  return `SELECT t."directoryId" AS "directoryId", c."id" AS "apiClientId", c."clientId" AS "clientId",
                 CASE WHEN t."expiresAt" > ${now} THEN 0 ELSE 1 END AS "expired",
                 CASE WHEN c."revokedAt" IS NULL THEN 0 ELSE 1 END AS "revoked",
                 CASE WHEN d."active" THEN 1 ELSE 0 END AS "active"
            FROM "AccessToken" t
            JOIN "ApiClient" c ON c."id" = t."clientId"
            JOIN "Directory" d ON d."id" = t."directoryId"
           WHERE t."tokenHash" = ${hash}`;
}

export async function authenticateBearer(request: Request): Promise<BearerContext> {
  const header = request.headers.get("authorization");
  if (!header?.trim()) throw noCredentials("Authentication required: send an OAuth 2.0 bearer token from /api/oauth/token");
  const match = AUTHORIZATION.exec(header.trim());
  if (!match) throw noCredentials("The Authorization header must be: Bearer <access token>");
  // Straight to the driver (lib/db/client.ts): it runs on every SCIM request.
  const db = getDb();
  const p = new SqlParams(db.kind);
  const rows = await db.sql.query<TokenRow>(tokenSql(p, sha256Hex(match[1])), p.values);
  const row = rows[0];
  // A known token's refusal counts against its directory's sync health (a storm of them is what gets
  // an application quarantined by Entra); the same row tells, so it costs no query.
  if (!row) throw invalidToken("The access token is invalid or has expired");
  if (Number(row.expired)) throw invalidToken("The access token is invalid or has expired", row);
  if (Number(row.revoked)) throw invalidToken("The API client of this token was revoked", row);
  if (!Number(row.active)) throw invalidToken("The directory of this token is not active");
  return { directoryId: row.directoryId, apiClientId: row.apiClientId, clientId: row.clientId };
}
