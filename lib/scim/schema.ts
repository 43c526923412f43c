// SCIM schema definitions (RFC 7643 §4, §8.7.1) as data: the single description of every attribute
// Roster understands. The filter compiler, the PATCH engine, resource normalisation and the
// /Schemas endpoint all read these, so an attribute's type, caseExact and mutability are decided once.

export const SCHEMA_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const SCHEMA_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const SCHEMA_ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const SCHEMA_LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const SCHEMA_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
export const SCHEMA_PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const SCHEMA_SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
export const SCHEMA_SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
export const SCHEMA_RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
export const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
// Entra ID adds this schema to every Group it creates; it carries nothing Roster needs.
export const SCHEMA_ENTRA_AD_GROUP = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

/** Prefix of a custom profile field: Entra maps extension attributes as `profileField_<name>`. */
export const PROFILE_FIELD_PREFIX = "profileField_";

/**
 * Custom extension URNs as Entra ID emits them ("Customize application attributes"):
 * urn:ietf:params:scim:schemas:extension:<AnyName>:2.0:User. Roster's own advertised one is below.
 */
export const CUSTOM_USER_EXTENSION_PATTERN = /^urn:ietf:params:scim:schemas:extension:([^:]+):2\.0:User$/i;
export const SCHEMA_ROSTER_PROFILE = "urn:ietf:params:scim:schemas:extension:roster:2.0:User";
/** Roster's own extension of /ServiceProviderConfig documenting its request limits. */
export const SCHEMA_ROSTER_LIMITS = "urn:ietf:params:scim:schemas:extension:roster:2.0:Limits";

export type AttributeType = "string" | "boolean" | "decimal" | "integer" | "dateTime" | "reference" | "binary" | "complex";
export type Mutability = "readOnly" | "readWrite" | "immutable" | "writeOnly";
export type Returned = "always" | "never" | "default" | "request";
export type Uniqueness = "none" | "server" | "global";

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

type AttrOptions = Partial<Omit<AttributeDefinition, "name" | "type">>;

/** An attribute definition with RFC 7643 §2.2's defaults for whatever `options` leaves out. */
export function attr(name: string, type: AttributeType, options: AttrOptions = {}): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description: "",
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...options,
  };
}

const str = (name: string, options: AttrOptions = {}) => attr(name, "string", options);

/** The common shape of emails, phoneNumbers, ims, photos, … (RFC 7643 §2.4). */
function multiValued(name: string, valueType: AttributeType, canonicalTypes: string[], extra: AttributeDefinition[] = []) {
  return attr(name, "complex", {
    multiValued: true,
    subAttributes: [
      attr("value", valueType, valueType === "reference" ? { referenceTypes: ["external"] } : {}),
      str("display"),
      str("type", canonicalTypes.length ? { canonicalValues: canonicalTypes } : {}),
      attr("primary", "boolean"),
      ...extra,
    ],
  });
}

export const userSchema: SchemaDefinition = {
  id: SCHEMA_USER,
  name: "User",
  description: "User Account",
  attributes: [
    str("userName", { required: true, uniqueness: "server", description: "Unique identifier for the User, case-insensitive within a directory." }),
    attr("name", "complex", {
      subAttributes: [
        str("formatted"),
        str("familyName"),
        str("givenName"),
        str("middleName"),
        str("honorificPrefix"),
        str("honorificSuffix"),
      ],
    }),
    str("displayName"),
    str("nickName"),
    attr("profileUrl", "reference", { referenceTypes: ["external"] }),
    str("title"),
    str("userType"),
    str("preferredLanguage"),
    str("locale"),
    str("timezone"),
    attr("active", "boolean"),
    str("password", { mutability: "writeOnly", returned: "never" }),
    multiValued("emails", "string", ["work", "home", "other"]),
    multiValued("phoneNumbers", "string", ["work", "home", "mobile", "fax", "pager", "other"]),
    multiValued("ims", "string", ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
    multiValued("photos", "reference", ["photo", "thumbnail"]),
    attr("addresses", "complex", {
      multiValued: true,
      subAttributes: [
        str("formatted"),
        str("streetAddress"),
        str("locality"),
        str("region"),
        str("postalCode"),
        str("country"),
        str("type", { canonicalValues: ["work", "home", "other"] }),
        attr("primary", "boolean"),
      ],
    }),
    attr("groups", "complex", {
      multiValued: true,
      mutability: "readOnly",
      subAttributes: [
        str("value", { mutability: "readOnly" }),
        attr("$ref", "reference", { mutability: "readOnly", referenceTypes: ["User", "Group"] }),
        str("display", { mutability: "readOnly" }),
        str("type", { mutability: "readOnly", canonicalValues: ["direct", "indirect"] }),
      ],
    }),
    multiValued("entitlements", "string", []),
    multiValued("roles", "string", []),
    multiValued("x509Certificates", "binary", []),
  ],
};

export const enterpriseUserSchema: SchemaDefinition = {
  id: SCHEMA_ENTERPRISE_USER,
  name: "EnterpriseUser",
  description: "Enterprise User",
  attributes: [
    str("employeeNumber"),
    str("costCenter"),
    str("organization"),
    str("division"),
    str("department"),
    attr("manager", "complex", {
      subAttributes: [
        str("value"),
        attr("$ref", "reference", { referenceTypes: ["User"] }),
        str("displayName", { mutability: "readOnly" }),
      ],
    }),
  ],
};

export const groupSchema: SchemaDefinition = {
  id: SCHEMA_GROUP,
  name: "Group",
  description: "Group",
  attributes: [
    str("displayName", { required: true }),
    attr("members", "complex", {
      multiValued: true,
      subAttributes: [
        str("value", { mutability: "immutable" }),
        attr("$ref", "reference", { mutability: "immutable", referenceTypes: ["User", "Group"] }),
        str("display", { mutability: "readOnly" }),
        str("type", { mutability: "immutable", canonicalValues: ["User", "Group"] }),
      ],
    }),
  ],
};

/** Attributes every resource has (RFC 7643 §3.1). */
export const commonAttributes: AttributeDefinition[] = [
  str("id", { mutability: "readOnly", returned: "always", caseExact: true, uniqueness: "server" }),
  str("externalId", { caseExact: true }),
  attr("meta", "complex", {
    mutability: "readOnly",
    subAttributes: [
      str("resourceType", { mutability: "readOnly", caseExact: true }),
      attr("created", "dateTime", { mutability: "readOnly" }),
      attr("lastModified", "dateTime", { mutability: "readOnly" }),
      attr("location", "reference", { mutability: "readOnly", referenceTypes: ["uri"] }),
      str("version", { mutability: "readOnly", caseExact: true }),
    ],
  }),
];

/** The schema in which Roster advertises a directory's profile fields (all single-valued strings). */
export function profileFieldSchema(fieldNames: string[]): SchemaDefinition {
  return {
    id: SCHEMA_ROSTER_PROFILE,
    name: "RosterProfileFields",
    description: "Custom profile fields (profileField_<name>); also accepted top-level or under any urn:…:extension:<Name>:2.0:User",
    attributes: fieldNames.map((name) => str(PROFILE_FIELD_PREFIX + name)),
  };
}

export type ResourceTypeName = "User" | "Group";

export interface ResourceTypeDefinition {
  name: ResourceTypeName;
  endpoint: string;
  schema: SchemaDefinition;
  extensions: SchemaDefinition[];
}

export const resourceTypes: Record<ResourceTypeName, ResourceTypeDefinition> = {
  User: { name: "User", endpoint: "/Users", schema: userSchema, extensions: [enterpriseUserSchema] },
  Group: { name: "Group", endpoint: "/Groups", schema: groupSchema, extensions: [] },
};

/** Case-insensitive lookup of an attribute among definitions (RFC 7643 §2.1: names are case-insensitive). */
export function findAttribute(defs: AttributeDefinition[] | undefined, name: string): AttributeDefinition | undefined {
  if (!defs) return undefined;
  const lower = name.toLowerCase();
  return defs.find((d) => d.name.toLowerCase() === lower);
}

/** Finds a top-level attribute of a resource type: core, common, or (when schemaUrn given) an extension. */
export function findResourceAttribute(
  type: ResourceTypeName,
  name: string,
  schemaUrn?: string,
): { attribute: AttributeDefinition; schema: string } | undefined {
  const rt = resourceTypes[type];
  if (schemaUrn) {
    const ext = rt.extensions.find((e) => e.id.toLowerCase() === schemaUrn.toLowerCase());
    if (ext) {
      const a = findAttribute(ext.attributes, name);
      return a ? { attribute: a, schema: ext.id } : undefined;
    }
    if (schemaUrn.toLowerCase() !== rt.schema.id.toLowerCase()) return undefined;
  }
  const core = findAttribute(rt.schema.attributes, name) ?? findAttribute(commonAttributes, name);
  return core ? { attribute: core, schema: rt.schema.id } : undefined;
}

/** Splits a fully-qualified attribute path `urn:…:User:name.givenName` into schema URN and the rest. */
export function splitSchemaUrn(path: string): { schema?: string; rest: string } {
  const lower = path.toLowerCase();
  const known = [SCHEMA_ENTERPRISE_USER, SCHEMA_USER, SCHEMA_GROUP, SCHEMA_ROSTER_PROFILE];
  for (const urn of known) {
    if (lower.startsWith(urn.toLowerCase() + ":")) return { schema: urn, rest: path.slice(urn.length + 1) };
    if (lower === urn.toLowerCase()) return { schema: urn, rest: "" };
  }
  // Any other extension URN: the attribute name follows the last ':' after ":2.0:<Resource>".
  const m = /^(urn:[^\s]*?:2\.0:(?:User|Group))(?::(.*))?$/i.exec(path);
  if (m) return { schema: m[1], rest: m[2] ?? "" };
  return { rest: path };
}
