// Discovery endpoints (RFC 7644 §4, RFC 7643 §5–§7): /ServiceProviderConfig, /ResourceTypes, /Schemas.
// They describe exactly what Roster implements, so a client can rely on them.
import {
  commonAttributes,
  enterpriseUserSchema,
  groupSchema,
  profileFieldSchema,
  resourceTypes,
  SCHEMA_ENTERPRISE_USER,
  SCHEMA_RESOURCE_TYPE,
  SCHEMA_ROSTER_PROFILE,
  SCHEMA_SCHEMA,
  SCHEMA_SERVICE_PROVIDER_CONFIG,
  userSchema,
  type ResourceTypeName,
  type SchemaDefinition,
} from "./schema";

export interface ServiceLimits {
  maxResults: number;
  maxPayloadBytes: number;
  maxOperations: number;
  maxMembersPerRequest: number;
  maxFilterLength: number;
}

export interface DiscoveryContext {
  baseUrl: string;
  limits: ServiceLimits;
  profileFieldNames: string[];
}

export function serviceProviderConfig(ctx: DiscoveryContext) {
  return {
    schemas: [SCHEMA_SERVICE_PROVIDER_CONFIG],
    documentationUri: `${ctx.baseUrl.replace(/\/api\/scim\/v2$/, "")}/`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: ctx.limits.maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description:
          "OAuth 2.0 client-credentials grant (RFC 6749 §4.4) at /api/oauth/token; send the token as Authorization: Bearer (RFC 6750).",
        specUri: "https://www.rfc-editor.org/info/rfc6750",
        primary: true,
      },
    ],
    // Not part of RFC 7643; documents Roster's request limits (the README lists them too).
    "urn:ietf:params:scim:schemas:extension:roster:2.0:Limits": {
      maxPayloadBytes: ctx.limits.maxPayloadBytes,
      maxPatchOperations: ctx.limits.maxOperations,
      maxMembersPerRequest: ctx.limits.maxMembersPerRequest,
      maxFilterLength: ctx.limits.maxFilterLength,
    },
    meta: { resourceType: "ServiceProviderConfig", location: `${ctx.baseUrl}/ServiceProviderConfig` },
  };
}

function schemaExtensionsFor(name: ResourceTypeName) {
  if (name === "User") {
    return [
      { schema: SCHEMA_ENTERPRISE_USER, required: false },
      { schema: SCHEMA_ROSTER_PROFILE, required: false },
    ];
  }
  return [];
}

export function resourceType(name: ResourceTypeName, ctx: DiscoveryContext) {
  const rt = resourceTypes[name];
  return {
    schemas: [SCHEMA_RESOURCE_TYPE],
    id: name,
    name,
    endpoint: rt.endpoint,
    description: name === "User" ? "User Account" : "Group",
    schema: rt.schema.id,
    schemaExtensions: schemaExtensionsFor(name),
    meta: { resourceType: "ResourceType", location: `${ctx.baseUrl}/ResourceTypes/${name}` },
  };
}

export function allSchemas(ctx: DiscoveryContext): SchemaDefinition[] {
  return [
    { ...userSchema, attributes: [...commonAttributes.filter((a) => a.name !== "meta"), ...userSchema.attributes] },
    { ...groupSchema, attributes: [...commonAttributes.filter((a) => a.name !== "meta"), ...groupSchema.attributes] },
    enterpriseUserSchema,
    profileFieldSchema(ctx.profileFieldNames),
  ];
}

export function schemaResource(schema: SchemaDefinition, ctx: DiscoveryContext) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes,
    meta: { resourceType: "Schema", location: `${ctx.baseUrl}/Schemas/${schema.id}` },
  };
}
