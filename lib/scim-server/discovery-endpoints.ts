// /ServiceProviderConfig, /ResourceTypes, /Schemas (RFC 7644 §4). Readable without a token (RFC 7643
// §5 lets providers publish them); with one, /Schemas also lists the directory's profile fields.
import { allSchemas, resourceType, schemaResource, serviceProviderConfig, type DiscoveryContext } from "@/lib/scim/discovery";
import { notFound } from "@/lib/scim/errors";
import type { ResourceTypeName } from "@/lib/scim/schema";
import type { Db } from "@/lib/db/client";
import { listResponse } from "./list-response";
import { methodNotAllowed } from "./method-not-allowed";
import type { ScimLimits } from "./limits";
import type { ScimResponse } from "./responses";

export interface DiscoveryCall {
  method: string;
  endpoint: "serviceproviderconfig" | "resourcetypes" | "schemas";
  rest: string[];
  baseUrl: string;
  limits: ScimLimits;
  db: Db;
  directoryId?: string;
}

async function profileFieldNames(call: DiscoveryCall): Promise<string[]> {
  if (!call.directoryId) return [];
  const rows = await call.db.directoryProfileField.findMany({ where: { directoryId: call.directoryId }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

export async function handleDiscovery(call: DiscoveryCall): Promise<ScimResponse> {
  if (call.method !== "GET") return methodNotAllowed(["GET"]);
  const ctx: DiscoveryContext = { baseUrl: call.baseUrl, limits: call.limits, profileFieldNames: await profileFieldNames(call) };
  const [id, ...extra] = call.rest;
  if (extra.length) throw notFound("No such SCIM endpoint");
  switch (call.endpoint) {
    case "serviceproviderconfig":
      if (id) throw notFound("No such SCIM endpoint");
      return { status: 200, body: serviceProviderConfig(ctx) };
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
