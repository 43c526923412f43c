// /ServiceProviderConfig, /ResourceTypes, /Schemas (RFC 7644 §4). Readable without a token (RFC 7643
// §5 lets providers publish them); with one, /Schemas also lists the directory's profile fields and
// any other attribute its resources carry.
import { allSchemas, resourceType, schemaResource, serviceProviderConfig, type DiscoveryContext } from "@/lib/scim/discovery";
import { notFound } from "@/lib/scim/errors";
import { SCHEMA_ROSTER_LIMITS, type ResourceTypeName } from "@/lib/scim/schema";
import type { Database } from "@/lib/db/client";
import { MAX_FILTER_DEPTH } from "@/lib/scim/filter/parse-filter";
import { MAX_JSON_DEPTH, MAX_STRING_LENGTH } from "@/lib/scim/resource/json";
import { MAX_USERNAME_LENGTH } from "@/lib/scim/resource/normalize-user";
import { collectCustomAttributes } from "@/lib/provisioning/collect-custom-attributes";
import { listResponse } from "./list-response";
import { methodNotAllowed } from "./method-not-allowed";
import { scimRateLimitSettings } from "./rate-limit";
import type { ScimLimits } from "./limits";
import type { ScimResponse } from "./responses";

export interface DiscoveryCall {
  method: string;
  endpoint: "serviceproviderconfig" | "resourcetypes" | "schemas";
  rest: string[];
  baseUrl: string;
  limits: ScimLimits;
  db: Database;
  directoryId?: string;
}

async function profileFieldNames(call: DiscoveryCall): Promise<string[]> {
  if (!call.directoryId) return [];
  const rows = await call.db.prisma.directoryProfileField.findMany({ where: { directoryId: call.directoryId }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

/**
 * Completes the Limits extension with what the protocol library does not know (the request rate
 * limit, a server setting) and the value limits it enforces, so a client can read every limit that
 * can turn its request into a 4xx in one place (the README lists the same).
 */
function withEdgeLimits(config: ReturnType<typeof serviceProviderConfig>) {
  const rate = scimRateLimitSettings();
  return {
    ...config,
    [SCHEMA_ROSTER_LIMITS]: {
      ...config[SCHEMA_ROSTER_LIMITS],
      maxFilterDepth: MAX_FILTER_DEPTH,
      maxStringLength: MAX_STRING_LENGTH,
      maxJsonDepth: MAX_JSON_DEPTH,
      maxUserNameLength: MAX_USERNAME_LENGTH,
      // Requests per directory per window across all instances; 0: no limit (answers 429 above it).
      rateLimit: { requests: rate.limit, windowSeconds: rate.windowSeconds },
    },
  };
}

export async function handleDiscovery(call: DiscoveryCall): Promise<ScimResponse> {
  if (call.method !== "GET") return methodNotAllowed(["GET"]);
  const ctx: DiscoveryContext = { baseUrl: call.baseUrl, limits: call.limits, profileFieldNames: await profileFieldNames(call) };
  // With a token, /Schemas and /ResourceTypes also describe what this directory's resources carry
  // beyond the standard schemas (RFC 7643 §6, §7), so every response validates against them.
  if (call.directoryId && call.endpoint !== "serviceproviderconfig") {
    ctx.custom = await collectCustomAttributes({ ctx: { db: call.db, directoryId: call.directoryId, baseUrl: call.baseUrl } });
  }
  const [id, ...extra] = call.rest;
  if (extra.length) throw notFound("No such SCIM endpoint");
  switch (call.endpoint) {
    case "serviceproviderconfig":
      if (id) throw notFound("No such SCIM endpoint");
      return { status: 200, body: withEdgeLimits(serviceProviderConfig(ctx)) };
    case "resourcetypes": {
      const names: ResourceTypeName[] = ["User", "Group"];
      if (!id) return { status: 200, body: listResponse(2, 1, names.map((n) => resourceType(n, ctx))) };
      const name = names.find((n) => n.toLowerCase() === decodeURIComponent(id).toLowerCase());
      if (!name) throw notFound(`Resource type ${id} not found`);
      return { status: 200, body: resourceType(name, ctx) };
    }
    case "schemas": {
      const schemas = allSchemas(ctx);
      if (!id) return { status: 200, body: listResponse(schemas.length, 1, schemas.map((s) => schemaResource(s, ctx))) };
      const schema = schemas.find((s) => s.id.toLowerCase() === decodeURIComponent(id).toLowerCase());
      if (!schema) throw notFound(`Schema ${id} not found`);
      return { status: 200, body: schemaResource(schema, ctx) };
    }
  }
}
