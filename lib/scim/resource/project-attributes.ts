// The `attributes` / `excludedAttributes` parameters (RFC 7644 §3.4.2.5, §3.9): which attributes of
// a resource are returned. Names are case-insensitive, may be URN-qualified
// (`urn:…:enterprise:2.0:User:department`) and may name a sub-attribute (`name.givenName`,
// `emails.value`). Attributes with `returned: "always"` (id, schemas) survive both.
import { commonAttributes, splitSchemaUrn, type ResourceTypeName, resourceTypes } from "../schema";
import { isCoreUrn, isCustomUserExtensionUrn, isExtensionUrnKey, isProfileFieldKey } from "./extensions";
import { cloneJson, findKey, isPlainObject, type JsonObject } from "./json";

export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

/** RFC 7643 §3.1 / §7: `returned: "always"`; `schemas` is on every response as well. */
const ALWAYS_RETURNED = new Set(["schemas", ...commonAttributes.filter((a) => a.returned === "always").map((a) => a.name.toLowerCase())]);

type Segments = string[];

/**
 * Returns a projected copy of `resource`. When both lists are given, `attributes` wins (RFC 7644
 * §3.4.2.5 defines them as alternatives). Names that do not resolve are ignored.
 */
export function projectAttributes(resource: JsonObject, projection: Projection, resourceType: ResourceTypeName): JsonObject {
  const attributes = projection.attributes?.filter((a) => a.trim());
  if (attributes?.length) return include(resource, attributes, resourceType);
  const excluded = projection.excludedAttributes?.filter((a) => a.trim());
  if (excluded?.length) return exclude(resource, excluded, resourceType);
  return resource;
}

function include(resource: JsonObject, names: string[], type: ResourceTypeName): JsonObject {
  const picked: JsonObject = {};
  for (const key of Object.keys(resource)) {
    if (ALWAYS_RETURNED.has(key.toLowerCase())) picked[key] = cloneJson(resource[key]);
  }
  for (const name of names) {
    for (const segments of selectors(name, resource, type)) pick(resource, segments, picked);
  }
  dropEmptyElements(picked);
  // Keep the resource's key order (schemas, id, … meta) for readable responses.
  const ordered: JsonObject = {};
  for (const key of Object.keys(resource)) if (key in picked) ordered[key] = picked[key];
  return ordered;
}

function exclude(resource: JsonObject, names: string[], type: ResourceTypeName): JsonObject {
  const out = cloneJson(resource);
  for (const name of names) {
    for (const segments of selectors(name, resource, type)) {
      if (segments.length === 1 && ALWAYS_RETURNED.has(segments[0].toLowerCase())) continue;
      remove(out, segments);
    }
  }
  return out;
}

/**
 * The key paths a name may denote in the resource JSON. A profile field may live top-level or under
 * a custom extension URN (see toScimUser), so it yields both.
 */
function selectors(rawName: string, resource: JsonObject, type: ResourceTypeName): Segments[] {
  const name = rawName.trim();
  let segments: Segments;
  if (/^urn:/i.test(name)) {
    if (isCoreUrn(name)) return [];
    if (isExtensionUrnKey(name)) return [[name]];
    const { schema, rest } = splitSchemaUrn(name);
    if (!schema || !rest) return [];
    const parts = rest.split(".");
    segments = schema.toLowerCase() === resourceTypes[type].schema.id.toLowerCase() ? parts : [schema, ...parts];
  } else {
    segments = name.split(".");
  }
  if (segments.some((s) => !s)) return [];
  const field = segments[segments.length - 1];
  const isProfileSelector =
    isProfileFieldKey(field) && (segments.length === 1 || (segments.length === 2 && isCustomUserExtensionUrn(segments[0])));
  if (!isProfileSelector) return [segments];
  const customUrns = Object.keys(resource).filter(isCustomUserExtensionUrn);
  return [[field], ...customUrns.map((urn) => [urn, field])];
}

/** Copies the value at `segments` from `src` into `dst`, through arrays (emails.value → each element). */
function pick(src: JsonObject, segments: Segments, dst: JsonObject) {
  const key = findKey(src, segments[0]);
  if (key === undefined) return;
  const value = src[key];
  if (segments.length === 1) {
    dst[key] = cloneJson(value);
    return;
  }
  const rest = segments.slice(1);
  if (Array.isArray(value)) {
    const target = Array.isArray(dst[key]) && (dst[key] as unknown[]).length === value.length ? (dst[key] as unknown[]) : value.map(() => ({}));
    value.forEach((element, i) => {
      if (isPlainObject(element) && isPlainObject(target[i])) pick(element, rest, target[i] as JsonObject);
    });
    dst[key] = target;
  } else if (isPlainObject(value)) {
    const target = isPlainObject(dst[key]) ? (dst[key] as JsonObject) : {};
    pick(value, rest, target);
    if (Object.keys(target).length) dst[key] = target;
  }
}

/** Removes the value at `segments`; a container left empty by the removal goes too. */
function remove(obj: JsonObject, segments: Segments) {
  const key = findKey(obj, segments[0]);
  if (key === undefined) return;
  if (segments.length === 1) {
    delete obj[key];
    return;
  }
  const value = obj[key];
  const rest = segments.slice(1);
  if (Array.isArray(value)) {
    for (const element of value) if (isPlainObject(element)) remove(element, rest);
    const kept = value.filter((e) => !isPlainObject(e) || Object.keys(e).length > 0);
    if (kept.length) obj[key] = kept;
    else delete obj[key];
  } else if (isPlainObject(value)) {
    remove(value, rest);
    if (!Object.keys(value).length) delete obj[key];
  }
}

/** `attributes=emails.type` on an email without a type leaves {}: not worth returning. */
function dropEmptyElements(obj: JsonObject) {
  for (const [key, value] of Object.entries(obj)) {
    if (Array.isArray(value)) {
      const kept = value.filter((e) => !isPlainObject(e) || Object.keys(e).length > 0);
      if (kept.length || !value.length) obj[key] = kept;
      else delete obj[key];
    } else if (isPlainObject(value) && isExtensionUrnKey(key)) {
      dropEmptyElements(value);
    }
  }
}
