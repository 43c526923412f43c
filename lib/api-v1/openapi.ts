// The OpenAPI 3.1 document of /api/v1, generated from the route table (routes.ts) and the zod schemas
// (schemas.ts, lib/directory-data) with zod's own JSON Schema output: nothing in it is written by hand
// twice, so it describes exactly what is served and validated.
import { z } from "zod";
import { FAILURES, type FailureCode } from "@/lib/http/machine-errors";
import { V1_ROUTES, type V1Route } from "./routes";
import { COMPONENT_SCHEMAS } from "./schemas";

type JsonSchema = Record<string, unknown>;

const SCHEMA_REF = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Failures any authenticated endpoint may answer, whatever it does. */
const COMMON_FAILURES: FailureCode[] = ["unauthorized", "rate_limited", "internal", "unavailable"];

const FAILURE_DESCRIPTIONS: Partial<Record<FailureCode, string>> = {
  invalid_request: "A parameter is missing, unknown, repeated or malformed (the message names it), or the cursor is not one Roster returned.",
  unauthorized: "No API key, an unknown one, or a revoked one. Nothing is returned.",
  forbidden: "The key is restricted to other directories. Nothing of this directory is returned.",
  not_found: "No such directory, user or group.",
  gone: "The cursor is older than the event retention period: resynchronise through the Directory API, then continue from a fresh cursor.",
  rate_limited: "Too many requests with this key; retry after Retry-After seconds.",
  internal: "Roster failed; the message names the request id.",
  unavailable: "The database is temporarily unavailable; retry after Retry-After seconds.",
};

function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

let components: Record<string, JsonSchema> | undefined;

/** The component schemas, converted once (the schemas are constants). */
function componentSchemas(): Record<string, JsonSchema> {
  if (components) return components;
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENT_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, JsonSchema> };
  // A schema with an id that is not a component would land in "__shared" and be referenced wrongly.
  if ("__shared" in schemas) throw new Error(`Add every schema with an id to COMPONENT_SCHEMAS (found: ${Object.keys((schemas.__shared as { $defs: object }).$defs).join(", ")})`);
  components = Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, withoutDialect(s)]));
  return components;
}

function parameters(route: V1Route): JsonSchema[] {
  const path = Object.entries(route.pathParams).map(([name, description]) => ({ name, in: "path", required: true, description, schema: { type: "string" } }));
  const query = Object.entries(route.query).map(([name, schema]) => {
    const { description, ...json } = withoutDialect(z.toJSONSchema(schema as z.ZodType, { io: "input", target: "draft-2020-12" }) as JsonSchema);
    return { name, in: "query", required: !(schema as z.ZodType).safeParse(undefined).success, description, schema: json };
  });
  return [...path, ...query];
}

function failureResponse(code: FailureCode): JsonSchema {
  const headers: JsonSchema = {};
  if (code === "unauthorized") headers["WWW-Authenticate"] = { description: "Bearer challenge (RFC 6750).", schema: { type: "string" } };
  if (code === "rate_limited" || code === "unavailable") headers["Retry-After"] = { description: "Seconds to wait.", schema: { type: "integer" } };
  return {
    description: `${code}: ${FAILURE_DESCRIPTIONS[code] ?? code}`,
    ...(Object.keys(headers).length ? { headers } : {}),
    content: { "application/json": { schema: SCHEMA_REF("Error") } },
  };
}

function operation(route: V1Route): JsonSchema {
  const failures = [...new Set([...route.errors, ...(route.anonymous ? [] : COMMON_FAILURES)])].sort((a, b) => FAILURES[a].status - FAILURES[b].status);
  const responses: JsonSchema = {
    "200": {
      description: "OK",
      content: { "application/json": { schema: route.response ? SCHEMA_REF(route.response) : { type: "object", description: "An OpenAPI 3.1 document." } } },
    },
  };
  for (const code of failures) responses[String(FAILURES[code].status)] = failureResponse(code);
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    ...(route.anonymous ? { security: [] } : {}),
    parameters: parameters(route),
    responses,
  };
}

/** The document, with `servers` pointing at this deployment's /api/v1. */
export function buildOpenApiDocument(origin: string): JsonSchema {
  return {
    openapi: "3.1.0",
    info: {
      title: "Roster Directory API",
      version: "1.0.0",
      description:
        "Read-only access for the applications that consume Roster's directories: the events feed (every change, in commit order) and the Directory API (directories, users, groups, members). Authenticate with an API key (Administration › API keys, or `npm run roster -- api-key create`) as `Authorization: Bearer <key>`; a key may be restricted to some directories. Lists are keyset-paged (`{\"data\": [...], \"next\": cursor|null}`). Errors are `{\"error\": {\"code\", \"message\"}}`; every response carries X-Request-Id, and a method other than GET answers 405.",
    },
    servers: [{ url: `${origin}/api/v1` }],
    security: [{ apiKey: [] }],
    paths: Object.fromEntries(V1_ROUTES.map((r) => [r.path, { get: operation(r) }])),
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key (rk_…): shown once when created, stored only as a hash." } },
      schemas: componentSchemas(),
    },
  };
}
