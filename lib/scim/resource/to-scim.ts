// Stored records → the SCIM JSON returned to clients (RFC 7643 §3, §4): `schemas` rebuilt from the
// extensions present, profile fields put back where the identity provider sent them, and `meta`
// (RFC 7643 §3.1) with a weak version matching the ETag header (RFC 7644 §3.14).
import { formatEtag } from "../etag";
import { SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP, SCHEMA_USER } from "../schema";
import { isEnterpriseUrn, isExtensionUrnKey, profileFieldKey } from "./extensions";
import { cloneJson, findKey, isPlainObject, type JsonObject } from "./json";

export interface ScimOutputContext {
  /** `<origin>/api/scim/v2`, for meta.location and $ref. */
  baseUrl: string;
}

/** What toScimUser needs of a stored user (the storage layer's UserRecord satisfies it). */
export interface UserRecordInput {
  id: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  resource: Record<string, unknown>;
  profileFields: Record<string, unknown>;
  profileFieldsSchema: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface GroupRecordInput {
  id: string;
  displayName: string;
  externalId: string | null;
  resource: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A group the user is a direct member of (RFC 7643 §4.1.2 "groups"). */
export interface UserGroupInput {
  id: string;
  displayName: string;
}

export interface GroupMemberInput {
  userId: string;
  display: string | null;
}

/** Keys the output sets itself from columns (or never returns); a stored copy is ignored. */
const USER_OWN_KEYS = new Set(["schemas", "id", "meta", "username", "externalid", "active", "groups", "password"]);
const GROUP_OWN_KEYS = new Set(["schemas", "id", "meta", "displayname", "externalid", "members"]);

/**
 * `groups` (RFC 7643 §4.1.2: readOnly, returned by default) from the memberships given; omitted when
 * there are none or they were not loaded (excludedAttributes=groups).
 */
export function toScimUser(record: UserRecordInput, ctx: ScimOutputContext, groups?: UserGroupInput[]): JsonObject {
  const out: JsonObject = { schemas: [], id: record.id };
  if (record.externalId !== null) out.externalId = record.externalId;
  out.userName = record.userName;
  copyResource(record.resource, out, USER_OWN_KEYS);
  placeProfileFields(out, record.profileFields, record.profileFieldsSchema);
  out.active = record.active;
  if (groups?.length) out.groups = groups.map((g) => ({ value: g.id, $ref: `${ctx.baseUrl}/Groups/${g.id}`, display: g.displayName, type: "direct" }));
  out.meta = meta("User", `${ctx.baseUrl}/Users/${record.id}`, record);
  out.schemas = schemasOf(SCHEMA_USER, out);
  return out;
}

/** `members` undefined means "not loaded" (excludedAttributes=members): the key is omitted. */
export function toScimGroup(record: GroupRecordInput, members: GroupMemberInput[] | undefined, ctx: ScimOutputContext): JsonObject {
  const out: JsonObject = { schemas: [], id: record.id };
  if (record.externalId !== null) out.externalId = record.externalId;
  out.displayName = record.displayName;
  copyResource(record.resource, out, GROUP_OWN_KEYS);
  if (members) {
    // Members are users only; RFC 7643 §4.2 "type": "A label indicating the type of resource, e.g., 'User' or 'Group'."
    out.members = members.map((m) => ({
      value: m.userId,
      $ref: `${ctx.baseUrl}/Users/${m.userId}`,
      type: "User",
      ...(m.display !== null ? { display: m.display } : {}),
    }));
  }
  out.meta = meta("Group", `${ctx.baseUrl}/Groups/${record.id}`, record);
  out.schemas = schemasOf(SCHEMA_GROUP, out);
  return out;
}

function copyResource(resource: Record<string, unknown>, out: JsonObject, own: Set<string>) {
  for (const [key, value] of Object.entries(resource ?? {})) {
    if (own.has(key.toLowerCase())) continue;
    out[key] = cloneJson(value);
  }
}

// RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA.
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * The resource as SCIM clients get it: the top-level keys a client can read, i.e. attribute names and
 * extension URNs holding an object (RFC 7643 §3.3). Anything else an identity provider sent
 * (`"urn:x:y": "v"`) stays stored, in PATCH, events and the console, but no schema could describe it.
 */
export function clientView(resource: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === "schemas" || ATTRIBUTE_NAME.test(key) || (isExtensionUrnKey(key) && isPlainObject(value))) out[key] = value;
  }
  return out;
}

/** Profile fields go back top-level, or under the custom extension URN they arrived under. */
function placeProfileFields(out: JsonObject, fields: Record<string, unknown>, schema: string | null) {
  const entries = Object.entries(fields ?? {}).filter(([, v]) => v !== null && v !== undefined);
  if (!entries.length) return;
  let target = out;
  if (schema) {
    const key = findKey(out, schema) ?? schema;
    target = isPlainObject(out[key]) ? (out[key] as JsonObject) : {};
    out[key] = target;
  }
  for (const [name, value] of entries) target[profileFieldKey(name)] = cloneJson(value);
}

/** Core schema first, then the enterprise extension, then any other extension present. */
function schemasOf(core: string, out: JsonObject): string[] {
  const extensions = Object.keys(out).filter(isExtensionUrnKey);
  const enterprise = extensions.filter(isEnterpriseUrn).map(() => SCHEMA_ENTERPRISE_USER);
  return [core, ...enterprise, ...extensions.filter((k) => !isEnterpriseUrn(k))];
}

function meta(resourceType: "User" | "Group", location: string, record: { version: number; createdAt: Date; updatedAt: Date }) {
  return {
    resourceType,
    created: iso(record.createdAt),
    lastModified: iso(record.updatedAt),
    location,
    version: formatEtag(record.version),
  };
}

function iso(date: Date): string | undefined {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}
