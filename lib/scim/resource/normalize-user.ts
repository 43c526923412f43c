// POST/PUT /Users bodies (and PATCH results) → the storage form (RFC 7643 §4.1, §4.3).
// Lenient where identity providers differ, strict where a value could not be stored faithfully:
//   - attribute names are case-insensitive (RFC 7643 §2.1) and are stored in the schema's spelling;
//   - unknown attributes are kept as sent: nothing an identity provider sends is silently lost;
//   - null and "" mean "no value" and are dropped (RFC 7644 §3.5.2);
//   - readOnly attributes (id, meta, groups) are ignored (RFC 7644 §3.5.1), password is dropped;
//   - a wrong type is a 400 invalidValue naming the attribute.
import { invalidSyntax, invalidValue } from "../errors";
import { commonAttributes, enterpriseUserSchema, findAttribute, SCHEMA_ENTERPRISE_USER, userSchema } from "../schema";
import { coerceAttribute } from "./coerce";
import { isCustomUserExtensionUrn, isEnterpriseUrn, isProfileFieldKey, profileFieldName } from "./extensions";
import { assertSafeJson, isNoValue, isPlainObject, type JsonObject } from "./json";
import { managerValue } from "./manager-value";

/** Longest userName accepted. Entra's userPrincipalName is at most 113 characters; emails 254. */
export const MAX_USERNAME_LENGTH = 1024;

export interface NormalizedEmail {
  value: string;
  type: string | null;
  primary: boolean;
}

export interface NormalizedUser {
  userName: string;
  externalId: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  /** The primary email, else the first work email, else the first email. */
  primaryEmail: string | null;
  active: boolean;
  emails: NormalizedEmail[];
  /** The canonical SCIM resource without id, meta, password, groups and profile fields. */
  resource: JsonObject;
  /** profileField_<name> values keyed by <name>. */
  profileFields: JsonObject;
  /** The custom extension URN the profile fields arrived under; null when they arrived top-level. */
  profileFieldsSchema: string | null;
}

export interface NormalizeUserOptions {
  /** POST or PUT. Both apply the same rules today; kept so callers state their intent. */
  mode: "create" | "replace";
}

export function normalizeUser(input: unknown, _options: NormalizeUserOptions = { mode: "create" }): NormalizedUser {
  if (!isPlainObject(input)) throw invalidSyntax("The User must be a JSON object");
  assertSafeJson(input, "User");
  const resource: JsonObject = {};
  const profile = new ProfileFieldCollector();
  for (const [key, raw] of Object.entries(input)) {
    if (key.toLowerCase() === "schemas") {
      checkSchemas(raw);
      continue;
    }
    if (isProfileFieldKey(key)) {
      profile.add(key, raw, null);
      continue;
    }
    if (isEnterpriseUrn(key)) {
      // Entra sends the enterprise object without listing its URN in `schemas`: accepted.
      setOrDelete(resource, SCHEMA_ENTERPRISE_USER, normalizeEnterprise(raw));
      continue;
    }
    if (isCustomUserExtensionUrn(key)) {
      setOrDelete(resource, key, normalizeCustomExtension(key, raw, profile));
      continue;
    }
    const def = findAttribute(userSchema.attributes, key) ?? findAttribute(commonAttributes, key);
    if (def) {
      // RFC 7644 §3.5.1: readOnly values in a request are ignored. password is never stored.
      if (def.mutability === "readOnly" || def.returned === "never") continue;
      setOrDelete(resource, def.name, coerceAttribute(def, raw, def.name));
      continue;
    }
    // Unknown attribute: kept under its own key, as sent.
    setOrDelete(resource, key, isNoValue(raw) ? undefined : raw);
  }
  return finish(resource, profile);
}

function finish(resource: JsonObject, profile: ProfileFieldCollector): NormalizedUser {
  // Stored as sent (not trimmed): the identity provider later looks the user up by this exact value.
  const userName = typeof resource.userName === "string" ? resource.userName : "";
  if (!userName.trim()) throw invalidValue("userName is required");
  if (userName.length > MAX_USERNAME_LENGTH) throw invalidValue(`userName is longer than ${MAX_USERNAME_LENGTH} characters`);
  const active = typeof resource.active === "boolean" ? resource.active : true;
  resource.active = active;
  const emails = emailsOf(resource.emails);
  const name = isPlainObject(resource.name) ? resource.name : {};
  return {
    userName,
    externalId: stringOrNull(resource.externalId),
    displayName: stringOrNull(resource.displayName),
    givenName: stringOrNull(name.givenName),
    familyName: stringOrNull(name.familyName),
    primaryEmail: primaryEmailOf(emails),
    active,
    emails,
    resource,
    profileFields: profile.fields,
    profileFieldsSchema: profile.schema,
  };
}

/** Collects profileField_<name> values from the top level and from custom extension objects. */
class ProfileFieldCollector {
  fields: JsonObject = {};
  schema: string | null = null;

  add(key: string, raw: unknown, fromSchema: string | null) {
    if (isNoValue(raw)) return;
    this.fields[profileFieldName(key)] = raw;
    // The first extension URN they came under is where they are returned (toScimUser).
    if (fromSchema && !this.schema) this.schema = fromSchema;
  }
}

function normalizeEnterprise(raw: unknown): JsonObject | undefined {
  if (isNoValue(raw)) return undefined;
  if (!isPlainObject(raw)) throw invalidValue(`${SCHEMA_ENTERPRISE_USER} must be an object`);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(raw)) {
    const def = findAttribute(enterpriseUserSchema.attributes, key);
    if (!def) {
      setOrDelete(out, key, isNoValue(value) ? undefined : value);
      continue;
    }
    const label = `${SCHEMA_ENTERPRISE_USER}:${def.name}`;
    setOrDelete(out, def.name, coerceAttribute(def, def.name === "manager" ? managerValue(value) : value, label));
  }
  return Object.keys(out).length ? out : undefined;
}

/** A custom extension object: profile fields are collected; its other keys stay under the URN. */
function normalizeCustomExtension(urn: string, raw: unknown, profile: ProfileFieldCollector): JsonObject | undefined {
  if (isNoValue(raw)) return undefined;
  if (!isPlainObject(raw)) throw invalidValue(`${urn} must be an object`);
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(raw)) {
    if (isProfileFieldKey(key)) profile.add(key, value, urn);
    else setOrDelete(rest, key, isNoValue(value) ? undefined : value);
  }
  return Object.keys(rest).length ? rest : undefined;
}

/**
 * `schemas` is rebuilt on output, so its content is not enforced: Entra omits the enterprise URN
 * and its custom extension URNs; some clients omit the core one. Only a non-array is refused.
 */
export function checkSchemas(raw: unknown): void {
  if (raw === undefined || raw === null) return;
  if (!Array.isArray(raw) || raw.some((s) => typeof s !== "string")) throw invalidSyntax("schemas must be an array of schema URIs");
}

function setOrDelete(target: JsonObject, key: string, value: unknown) {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** The well-formed entries of a stored or received `emails` value. */
export function emailsOf(raw: unknown): NormalizedEmail[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(isPlainObject)
    .filter((e) => typeof e.value === "string")
    .map((e) => ({ value: e.value as string, type: stringOrNull(e.type), primary: e.primary === true }));
}

export function primaryEmailOf(emails: NormalizedEmail[]): string | null {
  const chosen = emails.find((e) => e.primary) ?? emails.find((e) => e.type?.toLowerCase() === "work") ?? emails[0];
  return chosen?.value ?? null;
}

