// Discovery endpoints (RFC 7644 §4, RFC 7643 §5–§7): /ServiceProviderConfig, /ResourceTypes, /Schemas.
// They describe exactly what Roster implements, so a client can rely on them.
import { discoverySchemas } from "./discovery-schemas";
import type { CustomAttributes } from "./resource/describe-custom-attributes";
import {
  commonAttributes,
  enterpriseUserSchema,
  groupSchema,
  profileFieldSchema,
  resourceTypes,
  SCHEMA_ENTERPRISE_USER,
  SCHEMA_RESOURCE_TYPE,
  SCHEMA_ROSTER_LIMITS,
  SCHEMA_ROSTER_PROFILE,
  SCHEMA_SCHEMA,
  SCHEMA_SERVICE_PROVIDER_CONFIG,
  userSchema,
  type AttributeDefinition,
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
  /** What the directory's resources carry beyond the standard schemas (describe-custom-attributes.ts). */
  custom?: Record<ResourceTypeName, CustomAttributes>;
}

export function serviceProviderConfig(ctx: DiscoveryContext) {
  return {
    // RFC 7643 §3: `schemas` lists every schema whose attributes the document carries, the Limits
    // extension included.
    schemas: [SCHEMA_SERVICE_PROVIDER_CONFIG, SCHEMA_ROSTER_LIMITS],
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
    [SCHEMA_ROSTER_LIMITS]: {
      maxPayloadBytes: ctx.limits.maxPayloadBytes,
      maxPatchOperations: ctx.limits.maxOperations,
      maxMembersPerRequest: ctx.limits.maxMembersPerRequest,
      maxFilterLength: ctx.limits.maxFilterLength,
    },
    meta: { resourceType: "ServiceProviderConfig", location: `${ctx.baseUrl}/ServiceProviderConfig` },
  };
}

const STANDARD_EXTENSIONS = new Set([SCHEMA_ENTERPRISE_USER, SCHEMA_ROSTER_PROFILE].map((u) => u.toLowerCase()));

/** Extension URNs the directory's resources carry beyond the standard ones (e.g. Entra's custom one). */
function customExtensions(name: ResourceTypeName, ctx: DiscoveryContext): [string, AttributeDefinition[]][] {
  return [...(ctx.custom?.[name].extensions ?? [])].filter(([urn]) => !STANDARD_EXTENSIONS.has(urn.toLowerCase()));
}

function customAttributes(name: ResourceTypeName, urn: string, ctx: DiscoveryContext): AttributeDefinition[] {
  const found = [...(ctx.custom?.[name].extensions ?? [])].find(([u]) => u.toLowerCase() === urn.toLowerCase());
  return found?.[1] ?? [];
}

/** Definitions first, then any attribute they lack (RFC 7643 §2.1: names are case-insensitive). */
function withAttributes(schema: SchemaDefinition, more: AttributeDefinition[]): SchemaDefinition {
  const known = new Set(schema.attributes.map((a) => a.name.toLowerCase()));
  return { ...schema, attributes: [...schema.attributes, ...more.filter((a) => !known.has(a.name.toLowerCase()))] };
}

function schemaExtensionsFor(name: ResourceTypeName, ctx: DiscoveryContext) {
  const standard = name === "User" ? [SCHEMA_ENTERPRISE_USER, SCHEMA_ROSTER_PROFILE] : [];
  return [...standard, ...customExtensions(name, ctx).map(([urn]) => urn)].map((schema) => ({ schema, required: false }));
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
    // RFC 7643 §6: every extension a resource of this type may carry, Entra's custom ones included.
    schemaExtensions: schemaExtensionsFor(name, ctx),
    meta: { resourceType: "ResourceType", location: `${ctx.baseUrl}/ResourceTypes/${name}` },
  };
}

function customExtensionSchema(urn: string, attributes: AttributeDefinition[]): SchemaDefinition {
  return { id: urn, name: urn.split(":").at(-3) ?? urn, description: "An extension the identity provider sends; attributes kept as sent", attributes };
}

/**
 * The schemas of resources (core ones with the common id and externalId, RFC 7643 §3.1), with what
 * this directory's resources carry beyond them, then those of the discovery documents.
 */
export function allSchemas(ctx: DiscoveryContext): SchemaDefinition[] {
  const common = commonAttributes.filter((a) => a.name !== "meta");
  const core = (name: ResourceTypeName, schema: SchemaDefinition) => withAttributes({ ...schema, attributes: [...common, ...schema.attributes] }, ctx.custom?.[name].core ?? []);
  return [
    core("User", userSchema),
    core("Group", groupSchema),
    withAttributes(enterpriseUserSchema, customAttributes("User", SCHEMA_ENTERPRISE_USER, ctx)),
    withAttributes(profileFieldSchema(ctx.profileFieldNames), customAttributes("User", SCHEMA_ROSTER_PROFILE, ctx)),
    ...(["User", "Group"] as const).flatMap((name) => customExtensions(name, ctx).map(([urn, attributes]) => customExtensionSchema(urn, attributes))),
    ...discoverySchemas,
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
