// Nothing secret reaches the activity log: values of keys that look like credentials are replaced by
// "[redacted]", Roster's own secrets and tokens are scrubbed wherever they appear in a value (a client
// that put its secret in the wrong field must not leak it either), and bodies are capped so one huge
// request cannot bloat the log.

export const REDACTED = "[redacted]";
export const MAX_LOGGED_BODY_BYTES = 8 * 1024;

const SECRET_KEY = /secret|password|token|authorization|assertion/i;
// Keys that match SECRET_KEY but never hold a secret (RFC 6749 §5.1 token_type is "Bearer").
const NOT_SECRET = new Set(["token_type"]);
// Roster's client secrets (rs_) and access tokens (rt_): 32 random bytes in base64url (43 characters).
const ROSTER_CREDENTIAL = /r[st]_[A-Za-z0-9_-]{43}/g;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !NOT_SECRET.has(key.toLowerCase());
}

/** Replaces anything shaped like a Roster client secret or access token. */
export function scrubCredentials(value: string): string {
  return value.replace(ROSTER_CREDENTIAL, REDACTED);
}

/**
 * A PATCH operation aimed at a secret attribute ({"op":"replace","path":"password","value":"…"},
 * RFC 7644 §3.5.2) carries the secret under "value", a key that says nothing about it.
 */
function targetsSecret(object: Record<string, unknown>): boolean {
  const pathKey = Object.keys(object).find((k) => k.toLowerCase() === "path");
  const path = pathKey === undefined ? undefined : object[pathKey];
  return typeof path === "string" && isSecretKey(path);
}

function redactValue(value: unknown, depth: number): unknown {
  if (depth > 32) return REDACTED;
  if (typeof value === "string") return scrubCredentials(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value && typeof value === "object") {
    const secretValue = targetsSecret(value as Record<string, unknown>);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) || (secretValue && k.toLowerCase() === "value") ? REDACTED : redactValue(v, depth + 1);
    return out;
  }
  return value;
}

/**
 * Redacts JSON. Given a JSON text, returns the redacted, capped text (text that is not JSON is kept only
 * as its length, since it cannot be redacted reliably); given a parsed value, returns a redacted copy.
 */
export function redactJson(text: string | null | undefined): string | undefined;
export function redactJson<T>(value: T): T;
export function redactJson(input: unknown): unknown {
  if (input === undefined || input === null || input === "") return undefined;
  if (typeof input !== "string") return redactValue(input, 0);
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    return `[${input.length} characters, not JSON]`;
  }
  return capBody(JSON.stringify(redactValue(parsed, 0)));
}

/**
 * Redacts an application/x-www-form-urlencoded body (the token endpoint's). Redacted values are written
 * as a literal "[redacted]" (not percent-encoded) so the log reads plainly.
 */
export function redactForm(input: string | URLSearchParams | null | undefined): string | undefined {
  if (!input) return undefined;
  const params = typeof input === "string" ? new URLSearchParams(input) : input;
  const parts: string[] = [];
  for (const [k, v] of params) parts.push(`${encodeURIComponent(k)}=${isSecretKey(k) ? REDACTED : encodeURIComponent(scrubCredentials(v))}`);
  return parts.length ? capBody(parts.join("&")) : undefined;
}

/**
 * Redacts the values of credential-like parameters in a raw query string (RFC 6750 §2.3 allows
 * ?access_token=…), leaving everything else exactly as sent.
 */
export function redactQuery(query: string | null | undefined): string {
  if (!query) return "";
  return query.replace(/^\?/, "").replace(/(^|&)([^=&]*)=([^&]*)/g, (all, sep: string, rawKey: string) => {
    let key = rawKey;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, " "));
    } catch {
      // keep the raw key
    }
    return isSecretKey(key) ? `${sep}${rawKey}=${REDACTED}` : scrubCredentials(all);
  });
}

/** At most MAX_LOGGED_BODY_BYTES of UTF-8, cut on a character boundary, with a note of the full size. */
export function capBody(text: string): string {
  const size = Buffer.byteLength(text);
  if (size <= MAX_LOGGED_BODY_BYTES) return text;
  const cut = Buffer.from(text).subarray(0, MAX_LOGGED_BODY_BYTES).toString("utf8").replace(/\uFFFD$/, "");
  return `${cut}… [truncated, ${size} bytes]`;
}
