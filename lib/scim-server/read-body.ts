// Reads a SCIM request body: JSON media types only, bounded in size, parsed into a value.
import { invalidSyntax, ScimError } from "@/lib/scim/errors";

const JSON_TYPES = /^application\/(scim\+json|json)\s*(;|$)/i;

export async function readJsonBody(request: Request, maxBytes: number): Promise<{ body: unknown; text: string }> {
  const type = request.headers.get("content-type");
  // A missing Content-Type is read as JSON (some clients omit it); any other media type is refused.
  if (type && !JSON_TYPES.test(type.trim())) {
    throw new ScimError(415, `Unsupported Content-Type "${type}": send application/scim+json or application/json`, "invalidSyntax");
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readLimited(request, maxBytes);
  if (!text.trim()) throw invalidSyntax("The request body is empty; a JSON object is required");
  try {
    return { body: JSON.parse(text), text };
  } catch (e) {
    throw invalidSyntax(`The request body is not valid JSON: ${(e as Error).message}`);
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
