import { errorResult, type ScimResponse } from "./responses";

export function methodNotAllowed(allowed: string[]): ScimResponse {
  if (!allowed.length) return errorResult(404, "No such SCIM endpoint");
  return errorResult(405, `Method not allowed here; allowed: ${allowed.join(", ")}`, undefined, { Allow: allowed.join(", ") });
}
