// Reads a SCIM request body: JSON media types only, bounded in size, valid UTF-8 carrying valid
// Unicode, parsed into a value.
import { invalidSyntax, ScimError } from "@/lib/scim/errors";

const JSON_TYPES = /^application\/(scim\+json|json)\s*(;|$)/i;

export async function readJsonBody(request: Request, maxBytes: number): Promise<{ body: unknown; text: string }> {
  const type = request.headers.get("content-type");
  // A missing Content-Type is read as JSON (some clients omit it); any other media type is refused.
  if (type && !JSON_TYPES.test(type.trim())) {
    // RFC 7644 §3.12 defines scimType for 400s only: a 415 carries none.
    throw new ScimError(415, `Unsupported Content-Type "${type}": send application/scim+json or application/json`);
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readLimited(request, maxBytes);
  if (!text.trim()) throw invalidSyntax("The request body is empty; a JSON object is required");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw invalidSyntax(`The request body is not valid JSON: ${(e as Error).message}`);
  }
  assertNoLoneSurrogates(body, text);
  return { body, text };
}

// A \uD800–\uDFFF escape: the only way a lone surrogate gets past the strict UTF-8 decoding above.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * JSON's grammar allows an unpaired surrogate escape ("\ud800"), but it is not a Unicode character:
 * PostgreSQL's jsonb rejects it and UTF-8 cannot encode it (drivers would store U+FFFD instead, so the
 * stored value would silently differ from the one sent). Such a body is refused as a whole.
 */
function assertNoLoneSurrogates(body: unknown, text: string) {
  if (!SURROGATE_ESCAPE.test(text)) return;
  const stack: unknown[] = [body];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (LONE_SURROGATE.test(v)) throw invalidSyntax("The request body contains an unpaired UTF-16 surrogate escape (\\ud800–\\udfff); strings must be valid Unicode");
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) stack.push(k, child);
    }
  }
}

function tooLarge(maxBytes: number) {
  return new ScimError(413, `The request body is larger than the ${maxBytes}-byte limit`);
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw invalidSyntax("The request body is not valid UTF-8");
  }
}
