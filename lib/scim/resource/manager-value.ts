// The enterprise manager (RFC 7643 §4.3) in the shapes identity providers send it, read in ONE place
// for POST/PUT bodies (normalize-user.ts) and PATCH operations (patch/apply-values.ts).
import { getIgnoringCase, isNoValue, isPlainObject } from "./json";

/**
 * The stored form of a manager value: `{value: id, …}`, or undefined for "no manager".
 *   - Entra ID sends the manager's id as a plain string, in PATCH
 *     ({"op":"Add","path":"urn:…:enterprise:2.0:User:manager","value":"<id>"}) and in bodies;
 *     "" clears it (fixtures entraAddManagerString, entraClearManager).
 *   - Clients built on Microsoft's SCIM SDK wrap a single value in a one-element array,
 *     [{"$ref":null,"value":"<id>"}] (MicrosoftDocs/azure-docs#42220); unwrapped
 *     (fixture microsoftSdkManagerArray).
 *   - RFC 7643 §4.3 clients send {"value": id, …}; one without an id names nobody and clears it.
 * Anything else is returned as is, for normalisation to reject with the attribute's name.
 */
export function managerValue(value: unknown): unknown {
  const one = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (typeof one === "string") return one.trim() ? { value: one } : undefined;
  if (isPlainObject(one)) return isNoValue(getIgnoringCase(one, "value")) ? undefined : one;
  return one;
}
