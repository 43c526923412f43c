// Parsing of a token request (RFC 6749 §3.2, §4.4.2) and of its client authentication (§2.3.1), apart
// from any database work so every rule can be unit-tested. Everything a client can get wrong here is an
// OAuthError with a §5.2 code: a malformed request never becomes a 500.
import { OAuthError } from "./oauth-error";

/** Largest token request body read; Entra's is about 150 bytes. */
export const MAX_TOKEN_BODY_BYTES = 16 * 1024;

export interface TokenForm {
  /** Each parameter once (§3.2), with empty values dropped (§3.2: "treated as if they were omitted"). */
  params: Map<string, string>;
  /** The body as received, for the (redacted) activity log. */
  text: string;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  method: "basic" | "body";
}

const tooLarge = () => new OAuthError("invalid_request", `The request body is larger than ${MAX_TOKEN_BODY_BYTES} bytes`);

/** Reads the body without ever holding more than the cap (a huge upload is cut off, not buffered). */
async function readCappedBody(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > MAX_TOKEN_BODY_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_TOKEN_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof OAuthError) throw e;
    // The client went away or sent a broken chunked body.
    throw new OAuthError("invalid_request", "The request body could not be read");
  }
  return Buffer.concat(chunks);
}

/**
 * The token request's form parameters. §4.4.2 defines the request as application/x-www-form-urlencoded
 * (a charset parameter is tolerated); a JSON body or any other type is invalid_request.
 */
export async function readTokenForm(request: Request): Promise<TokenForm> {
  const type = (request.headers.get("content-type") ?? "").trim();
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    throw new OAuthError("invalid_request", "The request body must be application/x-www-form-urlencoded");
  }
  const bytes = await readCappedBody(request);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new OAuthError("invalid_request", "The request body is not valid UTF-8");
  }
  const params = new Map<string, string>();
  const seen = new Set<string>();
  for (const [key, value] of new URLSearchParams(text)) {
    // §3.2: "Request and response parameters MUST NOT be included more than once."
    if (seen.has(key)) throw new OAuthError("invalid_request", `The parameter ${key} is repeated`);
    seen.add(key);
    // §3.2: "Parameters sent without a value MUST be treated as if they were omitted from the request."
    if (value !== "") params.set(key, value);
  }
  return { params, text };
}

/** §2.3.1: the client id and secret are form-urlencoded before they are put in the Basic credentials. */
function formDecode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    // A client that did not encode a value containing a stray "%": take it as sent (it then simply fails
    // to authenticate, as any wrong secret does). Roster's own ids and secrets never contain "%" or "+".
    return part;
  }
}

function parseBasic(credentials: string): { clientId: string; clientSecret: string } {
  // RFC 7617 §2: token68 base64 of "user-id:password".
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credentials)) throw new OAuthError("invalid_request", "Malformed HTTP Basic credentials");
  const decoded = Buffer.from(credentials, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new OAuthError("invalid_request", "Malformed HTTP Basic credentials: expected client_id:client_secret");
  return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
}

/**
 * The client's credentials, from HTTP Basic or from client_id/client_secret in the body (§2.3.1), never
 * both (§2.3: "MUST NOT use more than one authentication method in each request") and never neither.
 * A client_id in the body beside Basic credentials for the same client is tolerated: it authenticates
 * nothing by itself, and some client libraries always send it.
 */
export function readClientCredentials(request: Request, params: Map<string, string>): ClientCredentials {
  const header = request.headers.get("authorization")?.trim();
  const bodyId = params.get("client_id");
  const bodySecret = params.get("client_secret");
  if (header) {
    const match = /^basic(?:\s+(.*))?$/is.exec(header);
    if (!match) throw new OAuthError("invalid_request", "The Authorization header of a token request must use HTTP Basic");
    if (bodySecret !== undefined) {
      throw new OAuthError("invalid_request", "Use one client authentication method: HTTP Basic or client_id and client_secret in the body, not both");
    }
    const { clientId, clientSecret } = parseBasic((match[1] ?? "").trim());
    if (bodyId !== undefined && bodyId !== clientId) throw new OAuthError("invalid_request", "client_id in the body differs from the HTTP Basic client");
    if (!clientId) throw new OAuthError("invalid_request", "The HTTP Basic credentials have no client id");
    return { clientId, clientSecret, method: "basic" };
  }
  if (bodyId === undefined && bodySecret === undefined) {
    throw new OAuthError("invalid_request", "Client authentication is required: HTTP Basic, or client_id and client_secret in the body");
  }
  if (bodyId === undefined || bodySecret === undefined) throw new OAuthError("invalid_request", "Both client_id and client_secret are required");
  return { clientId: bodyId, clientSecret: bodySecret, method: "body" };
}

/** §3.3 scope: absent (or empty) and "scim" are the same request: full SCIM access to the client's directory. */
export function readScope(params: Map<string, string>, only: string): string | undefined {
  const scope = params.get("scope")?.trim();
  if (!scope) return only;
  const wanted = scope.split(/\s+/);
  return wanted.every((s) => s === only) ? only : undefined;
}
