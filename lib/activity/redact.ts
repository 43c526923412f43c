// Nothing secret reaches the activity log: values of keys that look like credentials are replaced,
// and bodies are capped so one huge request cannot bloat the log.

export const REDACTED = "[redacted]";
export const MAX_LOGGED_BODY_BYTES = 8 * 1024;

const SECRET_KEY = /secret|password|token|authorization|assertion/i;

function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redactValue(v, depth + 1);
    return out;
  }
  return value;
}

/** Redacts a JSON text; text that is not JSON is kept only as its length. */
export function redactJson(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null || text === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `[${text.length} characters, not JSON]`;
  }
  return capBody(JSON.stringify(redactValue(parsed)));
}

/** Redacts an application/x-www-form-urlencoded body (the token endpoint's). */
export function redactForm(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const params = new URLSearchParams(text);
  const out = new URLSearchParams();
  for (const [k, v] of params) out.append(k, SECRET_KEY.test(k) ? REDACTED : v);
  return capBody(out.toString());
}

export function capBody(text: string): string {
  if (Buffer.byteLength(text) <= MAX_LOGGED_BODY_BYTES) return text;
  const cut = Buffer.from(text).subarray(0, MAX_LOGGED_BODY_BYTES).toString("utf8").replace(/\uFFFD$/, "");
  return `${cut}… [truncated, ${Buffer.byteLength(text)} bytes]`;
}
