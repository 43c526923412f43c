// The self-consistency check every SCIM response of the integration suites goes through
// (scim-harness.ts calls it on each reply): the body must satisfy the discovery documents Roster serves
// to the same directory, as a strict RFC 7643/7644 client would read them (scim-validator.ts).
// The documents are produced by the discovery handler itself, in process, so fetching them adds no
// request to the activity log or the rate limiter that the suites count.
import type { Database } from "@/lib/db/client";
import { handleDiscovery } from "@/lib/scim-server/discovery-endpoints";
import { scimLimits } from "@/lib/scim-server/limits";
import { ScimValidator, type ServedDiscovery } from "./scim-validator";

export interface CheckedExchange {
  method: string;
  /** The path after the origin, e.g. /api/scim/v2/Users?attributes=userName. */
  path: string;
  requestBody?: BodyInit | null;
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

export interface CheckScope {
  db: Database;
  /** The directory of the token sent; undefined for an anonymous or unknown one. */
  directoryId?: string;
}

const validators = new Map<string, ScimValidator>();

async function served(scope: CheckScope): Promise<ServedDiscovery> {
  const read = async (endpoint: "schemas" | "resourcetypes") => {
    const r = await handleDiscovery({ method: "GET", endpoint, rest: [], baseUrl: "http://roster.test/api/scim/v2", limits: scimLimits(), db: scope.db, directoryId: scope.directoryId });
    return (r.body as { Resources: never[] }).Resources;
  };
  return { schemas: await read("schemas"), resourceTypes: await read("resourcetypes") };
}

async function validatorFor(scope: CheckScope, fresh: boolean): Promise<ScimValidator> {
  const key = scope.directoryId ?? "anonymous";
  if (!fresh && validators.has(key)) return validators.get(key)!;
  const v = new ScimValidator(await served(scope));
  validators.set(key, v);
  return v;
}

/** RFC 7644 §3.9: with attributes or excludedAttributes, required attributes may be left out. */
function projected(exchange: CheckedExchange): boolean {
  const query = new URL(exchange.path, "http://x").searchParams;
  if ([...query.keys()].some((k) => /^(excluded)?attributes$/i.test(k))) return true;
  if (typeof exchange.requestBody !== "string" || !/\/\.search(\?|$)/.test(exchange.path)) return false;
  try {
    return Object.keys(JSON.parse(exchange.requestBody)).some((k) => /^(excluded)?attributes$/i.test(k));
  } catch {
    return false;
  }
}

function violations(exchange: CheckedExchange, validator: ScimValidator): string[] {
  const out: string[] = [];
  if (exchange.status === 204 || exchange.status === 304) {
    if (exchange.text) out.push(`a ${exchange.status} response has a body`);
    return out;
  }
  if (!exchange.text) return exchange.status >= 400 ? [`a ${exchange.status} response without a SCIM error body`] : out;
  // RFC 7644 §3.1: responses are application/scim+json.
  if (!/^application\/scim\+json/i.test(exchange.headers.get("content-type") ?? "")) out.push(`Content-Type ${exchange.headers.get("content-type")} is not application/scim+json`);
  if (exchange.body === undefined) return [...out, "the body is not JSON"];
  return [...out, ...validator.validateResponse(exchange.body, { status: exchange.status, projected: projected(exchange), etag: exchange.headers.get("etag") })];
}

/** Throws, naming every violation, when a strict client would reject this SCIM response. */
export async function checkStrictScim(exchange: CheckedExchange, scope: CheckScope): Promise<void> {
  let found = violations(exchange, await validatorFor(scope, false));
  // A profile field or extension the directory gained since the documents were read: read them again.
  if (found.length) found = violations(exchange, await validatorFor(scope, true));
  if (!found.length) return;
  throw new Error(`Strict SCIM check failed for ${exchange.method} ${exchange.path} → ${exchange.status}:\n  ${found.join("\n  ")}\nbody: ${exchange.text.slice(0, 2000)}`);
}
