// POST/PUT /Groups bodies (and PATCH results) → the storage form (RFC 7643 §4.2).
// Entra ID sends its own extra schema (SCHEMA_ENTRA_AD_GROUP) in `schemas` and a client-side
// `meta: {resourceType: "Group"}`: both accepted; meta and id are ignored (RFC 7644 §3.5.1).
import { invalidSyntax, invalidValue } from "../errors";
import { commonAttributes, findAttribute } from "../schema";
import { coerceAttribute } from "./coerce";
import { assertSafeJson, getIgnoringCase, isNoValue, isPlainObject, type JsonObject } from "./json";
import { checkSchemas } from "./normalize-user";


/** Members named in one request (POST, PUT or PATCH), advertised in /ServiceProviderConfig. */
export const MAX_MEMBERS_PER_REQUEST = 10_000;
export interface NormalizedGroupMember {
  value: string;
  type?: string;
}

export interface NormalizedGroup {
  displayName: string;
  externalId: string | null;
  /** Deduplicated by value, in the order sent. */
  members: NormalizedGroupMember[];
  /** Everything else received (canonical names), without id, meta, displayName, externalId, members. */
  resource: JsonObject;
}

export function normalizeGroup(input: unknown): NormalizedGroup {
  if (!isPlainObject(input)) throw invalidSyntax("The Group must be a JSON object");
  assertSafeJson(input, "Group");
  const resource: JsonObject = {};
  let displayName: unknown;
  let externalId: unknown;
  let members: NormalizedGroupMember[] = [];
  for (const [key, raw] of Object.entries(input)) {
    const lower = key.toLowerCase();
    if (lower === "schemas") checkSchemas(raw);
    else if (lower === "members") members = parseMembers(raw, "members");
    else if (lower === "displayname") displayName = raw;
    else if (lower === "externalid") externalId = coerceAttribute(findAttribute(commonAttributes, "externalId")!, raw, "externalId");
    else if (findAttribute(commonAttributes, key)?.mutability === "readOnly") continue; // id, meta
    else if (!isNoValue(raw)) resource[key] = raw; // unknown: kept as sent
  }
  if (!isNoValue(displayName) && typeof displayName !== "string") throw invalidValue("displayName must be a string");
  // Strings were checked for NUL and length by assertSafeJson; stored as sent (Entra looks it up verbatim).
  if (typeof displayName !== "string" || !displayName.trim()) throw invalidValue("displayName is required");
  if (members.length > MAX_MEMBERS_PER_REQUEST) {
    throw invalidValue(`Too many members in one request: ${members.length} (at most ${MAX_MEMBERS_PER_REQUEST}); add the rest with PATCH`);
  }
  return { displayName, externalId: typeof externalId === "string" ? externalId : null, members, resource };
}

/**
 * A members value: an array of {value, type?, display?, $ref?} (a single object is accepted too).
 * Every element needs a non-empty string `value`; duplicates are dropped.
 * Used by normalizeGroup and by the group PATCH planner.
 */
export function parseMembers(raw: unknown, label: string): NormalizedGroupMember[] {
  if (isNoValue(raw)) return [];
  const items = Array.isArray(raw) ? raw : isPlainObject(raw) ? [raw] : null;
  if (!items) throw invalidValue(`${label} must be an array of {"value": "<id>"} objects`);
  const seen = new Set<string>();
  const out: NormalizedGroupMember[] = [];
  items.forEach((item, i) => {
    const value = getIgnoringCase(item, "value");
    if (!isPlainObject(item) || typeof value !== "string" || !value.trim()) {
      throw invalidValue(`${label}[${i}].value is required: the id of the member`);
    }
    if (seen.has(value)) return;
    seen.add(value);
    const type = getIgnoringCase(item, "type");
    out.push(typeof type === "string" && type ? { value, type } : { value });
  });
  return out;
}
