// The schemas of the discovery documents themselves (RFC 7643 §5, §6, §7; their representation in
// §8.7.2) and of Roster's Limits extension, served at /Schemas so that a client validating every
// response against /Schemas can validate /ServiceProviderConfig, /ResourceTypes and /Schemas too.
import { SCHEMA_RESOURCE_TYPE, SCHEMA_ROSTER_LIMITS, SCHEMA_SCHEMA, SCHEMA_SERVICE_PROVIDER_CONFIG, type AttributeDefinition, type AttributeType, type SchemaDefinition } from "./schema";

function ro(name: string, type: AttributeType, options: Partial<AttributeDefinition> = {}): AttributeDefinition {
  return { name, type, multiValued: false, description: "", required: false, caseExact: false, mutability: "readOnly", returned: "default", uniqueness: "none", ...options };
}

const supported = (name: string, extra: AttributeDefinition[] = []) =>
  ro(name, "complex", { required: true, subAttributes: [ro("supported", "boolean", { required: true }), ...extra] });

export const serviceProviderConfigSchema: SchemaDefinition = {
  id: SCHEMA_SERVICE_PROVIDER_CONFIG,
  name: "Service Provider Configuration",
  description: "Schema for representing the service provider's configuration",
  attributes: [
    ro("documentationUri", "reference", { referenceTypes: ["external"] }),
    supported("patch"),
    supported("bulk", [ro("maxOperations", "integer", { required: true }), ro("maxPayloadSize", "integer", { required: true })]),
    supported("filter", [ro("maxResults", "integer", { required: true })]),
    supported("changePassword"),
    supported("sort"),
    supported("etag"),
    ro("authenticationSchemes", "complex", {
      multiValued: true,
      required: true,
      subAttributes: [
        ro("type", "string", { required: true, canonicalValues: ["oauth", "oauth2", "oauthbearertoken", "httpbasic", "httpdigest"] }),
        ro("name", "string", { required: true }),
        ro("description", "string", { required: true }),
        ro("specUri", "reference", { referenceTypes: ["external"] }),
        ro("documentationUri", "reference", { referenceTypes: ["external"] }),
        ro("primary", "boolean"),
      ],
    }),
  ],
};

export const resourceTypeSchema: SchemaDefinition = {
  id: SCHEMA_RESOURCE_TYPE,
  name: "ResourceType",
  description: "Specifies the schema that describes a SCIM resource type",
  attributes: [
    ro("id", "string"),
    ro("name", "string", { required: true }),
    ro("description", "string"),
    ro("endpoint", "reference", { required: true, referenceTypes: ["uri"] }),
    ro("schema", "reference", { required: true, caseExact: true, referenceTypes: ["uri"] }),
    ro("schemaExtensions", "complex", {
      multiValued: true,
      subAttributes: [ro("schema", "reference", { required: true, caseExact: true, referenceTypes: ["uri"] }), ro("required", "boolean", { required: true })],
    }),
  ],
};

const attributeDescription = (levels: number): AttributeDefinition[] => [
  ro("name", "string", { required: true, caseExact: true }),
  ro("type", "string", { required: true, canonicalValues: ["string", "complex", "boolean", "decimal", "integer", "dateTime", "reference", "binary"] }),
  ro("multiValued", "boolean", { required: true }),
  ro("description", "string"),
  ro("required", "boolean"),
  ro("canonicalValues", "string", { multiValued: true }),
  ro("caseExact", "boolean"),
  ro("mutability", "string", { canonicalValues: ["readOnly", "readWrite", "immutable", "writeOnly"] }),
  ro("returned", "string", { canonicalValues: ["always", "never", "default", "request"] }),
  ro("uniqueness", "string", { canonicalValues: ["none", "server", "global"] }),
  ro("referenceTypes", "string", { multiValued: true }),
  // A definition describes its sub-attributes with definitions, without end: the innermost level
  // declares none (a client then checks no deeper).
  ro("subAttributes", "complex", { multiValued: true, ...(levels > 0 ? { subAttributes: attributeDescription(levels - 1) } : {}) }),
];

export const schemaSchema: SchemaDefinition = {
  id: SCHEMA_SCHEMA,
  name: "Schema",
  description: "Specifies the schema attributes",
  attributes: [
    ro("id", "reference", { required: true, referenceTypes: ["uri"] }),
    ro("name", "string"),
    ro("description", "string"),
    ro("attributes", "complex", { multiValued: true, required: true, subAttributes: attributeDescription(2) }),
  ],
};

const limit = (name: string, description: string) => ro(name, "integer", { description });

export const limitsSchema: SchemaDefinition = {
  id: SCHEMA_ROSTER_LIMITS,
  name: "RosterLimits",
  description: "Roster's request limits: what turns a request into a 4xx (extension of ServiceProviderConfig)",
  attributes: [
    limit("maxPayloadBytes", "Largest request body, in bytes (413 above it)"),
    limit("maxPatchOperations", "Operations in one PATCH request"),
    limit("maxMembersPerRequest", "Group members added, replaced or removed by one request"),
    limit("maxFilterLength", "Characters in a filter"),
    limit("maxFilterDepth", "Nesting depth of a filter"),
    limit("maxStringLength", "Characters in one string value"),
    limit("maxJsonDepth", "Nesting depth of a request body"),
    limit("maxUserNameLength", "Characters in a userName"),
    ro("rateLimit", "complex", {
      description: "Requests per directory per window across all instances; 0: no limit (429 above it)",
      subAttributes: [limit("requests", "Requests per window"), limit("windowSeconds", "Length of the window")],
    }),
  ],
};

export const discoverySchemas: SchemaDefinition[] = [serviceProviderConfigSchema, resourceTypeSchema, schemaSchema, limitsSchema];
