// Bearer authentication of /api/v1 with an API key (RFC 6750). The key is looked up afresh on every
// request (lib/admin/api-keys/verify-api-key.ts), so a revoked key fails on the next request on every
// instance. Its value is never logged: the activity row names the key by id.
import { verifyApiKey, type ApiKeyPrincipal } from "@/lib/admin/api-keys/verify-api-key";
import { ApiError } from "@/lib/http/machine-errors";

export interface ApiKeyCaller extends ApiKeyPrincipal {
  /** The activity log's client column: the key's id (never the key). */
  clientId: string;
}

const CHALLENGE = 'Bearer realm="roster"';
// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const AUTHORIZATION = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

function unauthorized(message: string, invalidToken: boolean): ApiError {
  // RFC 6750 §3.1: no error code when no usable credentials came; invalid_token once a key was presented.
  const challenge = invalidToken ? `${CHALLENGE}, error="invalid_token", error_description="${message}"` : CHALLENGE;
  return new ApiError("unauthorized", message, { "WWW-Authenticate": challenge });
}

export async function authenticateApiKey(request: Request): Promise<ApiKeyCaller> {
  const header = request.headers.get("authorization")?.trim();
  if (!header) throw unauthorized("Authentication required: send an API key as Authorization: Bearer <key>", false);
  const match = AUTHORIZATION.exec(header);
  if (!match) throw unauthorized("The Authorization header must be: Bearer <API key>", false);
  const result = await verifyApiKey({ key: match[1] });
  if (!result.ok) throw unauthorized(result.reason === "revoked" ? "This API key was revoked" : "The API key is not valid", true);
  return { ...result.apiKey, clientId: result.apiKey.id };
}
