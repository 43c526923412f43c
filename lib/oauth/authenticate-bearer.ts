// Bearer authentication of /api/scim/v2/* (RFC 6750). One indexed lookup per request by the SHA-256 of
// the presented token: the hash of a 256-bit random value leaks nothing useful through timing, so no
// separate constant-time compare is needed. Revoking a client or deactivating or deleting its directory
// takes effect on the next request, on every instance.
import { getDb } from "@/lib/db/client";
import { sha256Hex } from "./credentials";

export interface BearerContext {
  directoryId: string;
  apiClientId: string;
  clientId: string;
}

export class BearerAuthError extends Error {
  readonly status = 401;
  constructor(
    message: string,
    readonly wwwAuthenticate: string,
  ) {
    super(message);
    this.name = "BearerAuthError";
  }
}

const REALM = 'Bearer realm="roster"';

function invalidToken(description: string) {
  return new BearerAuthError(description, `${REALM}, error="invalid_token", error_description="${description}"`);
}

export async function authenticateBearer(request: Request): Promise<BearerContext> {
  const header = request.headers.get("authorization");
  const match = header ? /^bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!header) throw new BearerAuthError("Authentication required: send an OAuth 2.0 bearer token from /api/oauth/token", REALM);
  if (!match) throw new BearerAuthError("The Authorization header must be: Bearer <token>", `${REALM}, error="invalid_request"`);
  const token = await getDb().accessToken.findUnique({
    where: { tokenHash: sha256Hex(match[1]) },
    select: { directoryId: true, expiresAt: true, client: { select: { id: true, clientId: true, revokedAt: true } }, directory: { select: { active: true } } },
  });
  if (!token || token.expiresAt.getTime() <= Date.now()) throw invalidToken("The access token is invalid or has expired");
  if (token.client.revokedAt) throw invalidToken("The API client of this token was revoked");
  if (!token.directory.active) throw invalidToken("The directory of this token is not active");
  return { directoryId: token.directoryId, apiClientId: token.client.id, clientId: token.client.clientId };
}
