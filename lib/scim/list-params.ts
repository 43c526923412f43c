// Query parameters of list and search requests (RFC 7644 §3.4.2, §3.4.3), from a query string or a
// SearchRequest body, validated into one shape.
import { invalidSyntax, invalidValue } from "./errors";
import { SCHEMA_SEARCH_REQUEST } from "./schema";

export interface ListParams {
  filter?: string;
  startIndex: number;
  count: number;
  sortBy?: string;
  sortOrder?: "ascending" | "descending";
  attributes?: string[];
  excludedAttributes?: string[];
}

export interface ListLimits {
  defaultCount: number;
  maxResults: number;
}

export interface ProjectionParams {
  attributes?: string[];
  excludedAttributes?: string[];
}

function splitList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const parts = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : null;
  if (!parts || parts.some((p) => typeof p !== "string")) throw invalidValue(`${name} must be a comma-separated list of attribute names`);
  const names = (parts as string[]).map((p) => p.trim()).filter(Boolean);
  return names.length ? names : undefined;
}

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = typeof value === "number" ? value : Number(String(value).trim());
  if (!Number.isFinite(n) || !Number.isInteger(n)) throw invalidValue(`${name} must be an integer`);
  return n;
}

function fromRecord(get: (name: string) => unknown, limits: ListLimits): ListParams {
  const filter = get("filter");
  if (filter !== undefined && typeof filter !== "string") throw invalidValue("filter must be a string");
  // RFC 7644 §3.4.2.4: startIndex < 1 is read as 1; a negative count as 0; count is capped at maxResults.
  const startIndex = Math.max(1, integer(get("startIndex"), "startIndex") ?? 1);
  const count = Math.min(limits.maxResults, Math.max(0, integer(get("count"), "count") ?? limits.defaultCount));
  const sortBy = get("sortBy");
  if (sortBy !== undefined && typeof sortBy !== "string") throw invalidValue("sortBy must be an attribute name");
  const sortOrderRaw = get("sortOrder");
  let sortOrder: ListParams["sortOrder"];
  if (sortOrderRaw !== undefined && sortOrderRaw !== "") {
    const s = String(sortOrderRaw).toLowerCase();
    if (s !== "ascending" && s !== "descending") throw invalidValue('sortOrder must be "ascending" or "descending"');
    sortOrder = s;
  }
  return {
    filter: typeof filter === "string" && filter.trim() !== "" ? filter : undefined,
    startIndex,
    count,
    sortBy: typeof sortBy === "string" && sortBy.trim() ? sortBy.trim() : undefined,
    sortOrder,
    attributes: splitList(get("attributes"), "attributes"),
    excludedAttributes: splitList(get("excludedAttributes"), "excludedAttributes"),
  };
}

/** Parameter names are matched case-insensitively: clients differ in how they spell them. */
function caseInsensitive<T>(entries: [string, T][]): (name: string) => T | undefined {
  const map = new Map(entries.map(([k, v]) => [k.toLowerCase(), v]));
  return (name) => map.get(name.toLowerCase());
}

export function parseListQuery(search: URLSearchParams, limits: ListLimits): ListParams {
  return fromRecord(caseInsensitive([...search.entries()]), limits);
}

export function parseSearchRequest(body: unknown, limits: ListLimits): ListParams {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw invalidSyntax("A SearchRequest must be a JSON object");
  const schemas = (body as { schemas?: unknown }).schemas;
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.includes(SCHEMA_SEARCH_REQUEST))) {
    throw invalidSyntax(`schemas must contain ${SCHEMA_SEARCH_REQUEST}`);
  }
  return fromRecord(caseInsensitive(Object.entries(body as Record<string, unknown>)), limits);
}

export function parseProjection(search: URLSearchParams): ProjectionParams {
  const get = caseInsensitive([...search.entries()]);
  return { attributes: splitList(get("attributes"), "attributes"), excludedAttributes: splitList(get("excludedAttributes"), "excludedAttributes") };
}

/** Whether the members attribute of a Group would be returned under this projection. */
export function wantsAttribute(projection: ProjectionParams, name: string): boolean {
  const lower = name.toLowerCase();
  const matches = (a: string) => {
    const l = a.toLowerCase();
    return l === lower || l.startsWith(lower + ".") || l.endsWith(":" + lower) || l.includes(":" + lower + ".");
  };
  if (projection.attributes?.length) return projection.attributes.some(matches);
  if (projection.excludedAttributes?.length) return !projection.excludedAttributes.some((a) => a.toLowerCase() === lower || a.toLowerCase().endsWith(":" + lower));
  return true;
}
