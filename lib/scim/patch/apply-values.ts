// The three shapes of a PATCH target (RFC 7644 §3.5.2): a whole attribute, `attr.sub`, and
// `attr[filter]` / `attr[filter].sub`, for add, replace and remove.
import { invalidPath, invalidValue, noTarget } from "../errors";
import type { Filter } from "../filter/ast";
import { keepFirstPrimary, toBoolean } from "../resource/coerce";
import { deleteIgnoringCase, findKey, isNoValue, isPlainObject, jsonEqual, getIgnoringCase, type JsonObject } from "../resource/json";
import { findAttribute, type AttributeDefinition } from "../schema";
import { coerceFilterBooleans, elementDefinition, matchingIndexes, templateFromFilter } from "./element-filter";
import { managerValue } from "../resource/manager-value";
import type { PatchOpName } from "./parse-patch-request";

/** Where a path points: the object holding the attribute, its key there, and its definition if known. */
export interface Location {
  container: JsonObject;
  key: string;
  def?: AttributeDefinition;
  label: string;
  /** The attribute is top-level in the resource (not inside an extension object). */
  isRoot: boolean;
  /** The enterprise manager (RFC 7643 §4.3), read by managerValue (Entra sends a plain id string). */
  isManager?: boolean;
  cleanup?: () => void;
}

// ---------------------------------------------------------------------------------------------
// The whole attribute: `title`, `emails`, `name`, `urn:…:enterprise:2.0:User:manager`
// ---------------------------------------------------------------------------------------------

export function applyWhole(loc: Location, op: PatchOpName, value: unknown) {
  const { container, key, def } = loc;
  const current = container[key];
  if (op === "remove") {
    // RFC 7644 §3.5.2.2 with a value: remove only the listed values of a multi-valued attribute
    // (Entra removes group members this way; it works for emails etc. too).
    if (!isNoValue(value) && isMultiValued(def, current, value)) {
      removeListed(loc, value);
      return;
    }
    clear(loc);
    return;
  }
  // "" or null clears the attribute (RFC 7644 §3.5.2: treated as unassigned), e.g. Entra's
  // {"op":"Replace","path":"title","value":""}. An empty array replaces a multi-valued one with none.
  if (isNoValue(value) || (op === "replace" && Array.isArray(value) && value.length === 0)) {
    clear(loc);
    return;
  }
  if (loc.isManager) {
    // Replaced as a whole: merging would keep the previous manager's displayName.
    const manager = managerValue(value);
    if (manager === undefined) clear(loc);
    else container[key] = manager;
    return;
  }
  if (isMultiValued(def, current, value)) {
    const items = (Array.isArray(value) ? value : [value]).filter((v) => !isNoValue(v)).map((v) => canonicalElement(def, v));
    if (op === "replace") {
      // RFC 7644 §3.5.2.3: replace without a filter replaces all values.
      keepFirstPrimary(items.filter(isPlainObject));
      setOrClear(loc, items);
      return;
    }
    // RFC 7644 §3.5.2.1: add appends to a multi-valued attribute; an identical value is not added twice.
    const elements = asArray(current);
    const added: unknown[] = [];
    for (const item of items) {
      if (elements.some((e) => jsonEqual(e, item))) continue;
      elements.push(item);
      added.push(item);
    }
    onlyOnePrimary(elements, added);
    setOrClear(loc, elements);
    return;
  }
  if (isComplexSingle(def, current, value) && isPlainObject(value)) {
    // RFC 7644 §3.5.2.1 and §3.5.2.3: for a complex attribute both add and replace set the given
    // sub-attributes and leave the others unchanged.
    const target = isPlainObject(current) ? current : {};
    for (const [k, v] of Object.entries(value)) {
      const subKey = findKey(target, k) ?? findAttribute(def?.subAttributes, k)?.name ?? k;
      if (isNoValue(v)) delete target[subKey];
      else target[subKey] = coerceScalar(findAttribute(def?.subAttributes, k), v);
    }
    setOrClear(loc, Object.keys(target).length ? target : undefined);
    return;
  }
  // A single-valued attribute: add and replace both set it (Entra sends "Add" for an attribute that
  // already has a value; RFC 7644 §3.5.2.1: "If the target location specifies a single-valued
  // attribute, the existing value is replaced").
  container[key] = coerceScalar(def, value);
}

function removeListed(loc: Location, value: unknown) {
  const listed = Array.isArray(value) ? value : [value];
  const kept = asArray(loc.container[loc.key]).filter((element) => !listed.some((l) => sameValue(element, l)));
  setOrClear(loc, kept);
}

/** Elements are "the same" when their `value` sub-attributes are equal, or when equal as JSON. */
function sameValue(element: unknown, listed: unknown): boolean {
  const listedValue = getIgnoringCase(listed, "value");
  if (isPlainObject(listed) && !isNoValue(listedValue)) return jsonEqual(getIgnoringCase(element, "value"), listedValue);
  return jsonEqual(element, listed);
}

// ---------------------------------------------------------------------------------------------
// A sub-attribute: `name.givenName`, `urn:…:manager.value`
// ---------------------------------------------------------------------------------------------

export function applySubAttribute(loc: Location, op: PatchOpName, sub: string, value: unknown) {
  const { container, key, def } = loc;
  if (def && def.type !== "complex") throw invalidPath(`${loc.label}: ${def.name} has no sub-attributes`);
  const subDef = findAttribute(def?.subAttributes, sub);
  const current = container[key];
  const clearing = op === "remove" || isNoValue(value);
  if (Array.isArray(current) || def?.multiValued) {
    // `emails.value` without a filter: RFC 7644 leaves it open; applied to every element.
    const elements = asArray(current);
    if (clearing) {
      for (const e of elements) if (isPlainObject(e)) deleteIgnoringCase(e, sub);
    } else if (!elements.length) {
      elements.push({ [subDef?.name ?? sub]: coerceScalar(subDef, value) });
    } else {
      for (const e of elements) if (isPlainObject(e)) e[findKey(e, sub) ?? subDef?.name ?? sub] = coerceScalar(subDef, value);
      keepFirstPrimary(elements.filter(isPlainObject));
    }
    setOrClear(loc, withoutEmptyElements(elements));
    return;
  }
  if (clearing) {
    if (isPlainObject(current)) {
      deleteIgnoringCase(current, sub);
      if (!Object.keys(current).length) clear(loc);
    }
    return;
  }
  const target = isPlainObject(current) ? current : {};
  target[findKey(target, sub) ?? subDef?.name ?? sub] = coerceScalar(subDef, value);
  container[key] = target;
}

// ---------------------------------------------------------------------------------------------
// A value filter: `emails[type eq "work"]`, `emails[type eq "work"].value`
// ---------------------------------------------------------------------------------------------

export function applyFiltered(loc: Location, op: PatchOpName, rawFilter: Filter, sub: string | undefined, value: unknown) {
  const { container, key, def } = loc;
  if (def && !def.multiValued) throw invalidPath(`${loc.label}: a value filter needs a multi-valued attribute`);
  const elementDef = elementDefinition(key, def, rawFilter);
  const filter = coerceFilterBooleans(rawFilter, elementDef);
  const elements = asArray(container[key]);
  const matched = matchingIndexes(filter, elements, elementDef);
  const subDef = sub ? findAttribute(elementDef.subAttributes, sub) : undefined;
  const subKey = (e: JsonObject) => findKey(e, sub!) ?? subDef?.name ?? sub!;
  const clearing = op === "remove" || isNoValue(value);

  if (clearing) {
    // Remove (or set to null/""): the matching elements, or their sub-attribute. No match: nothing to
    // do (RFC 7644 §3.5.2.2 does not make that an error, and Entra retries failed removals forever).
    if (op === "add" && !sub) return;
    const chosen = new Set(matched);
    let next: unknown[];
    if (sub) {
      for (const i of matched) deleteIgnoringCase(elements[i] as JsonObject, sub);
      next = withoutEmptyElements(elements);
    } else {
      next = elements.filter((_, i) => !chosen.has(i));
    }
    setOrClear(loc, next);
    return;
  }

  const written: unknown[] = [];
  if (matched.length) {
    for (const i of matched) {
      const element = elements[i] as JsonObject;
      if (sub) {
        element[subKey(element)] = coerceScalar(subDef, value);
        written.push(element);
      } else {
        if (!isPlainObject(value)) throw invalidValue(`${loc.label}: the value must be an object`);
        // add merges into the element; replace puts the value in its place (RFC 7644 §3.5.2.3),
        // keeping the attributes the filter selected it by.
        const base = op === "add" ? element : (templateFromFilter(filter, elementDef) ?? {});
        const next = mergeIgnoringCase({ ...base }, canonicalElement(elementDef, value) as JsonObject);
        elements[i] = next;
        written.push(next);
      }
    }
  } else {
    // No element matches: Entra's {"op":"Replace","path":"emails[type eq \"work\"].value",…} for a
    // user without a work email (and the same for phoneNumbers, addresses, roles) creates the
    // element, with the filter's eq comparisons as its first attributes.
    const template = templateFromFilter(filter, elementDef);
    if (!template) {
      throw noTarget(`${loc.label}: no value matches the filter, and only eq comparisons joined by "and" describe a value to create`);
    }
    if (!sub && !isPlainObject(value)) throw invalidValue(`${loc.label}: the value must be an object`);
    const created = sub
      ? { ...template, [subDef?.name ?? sub]: coerceScalar(subDef, value) }
      : mergeIgnoringCase(template, canonicalElement(elementDef, value) as JsonObject);
    elements.push(created);
    written.push(created);
  }
  onlyOnePrimary(elements, written);
  setOrClear(loc, withoutEmptyElements(elements));
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function clear(loc: Location) {
  // Removing a required attribute would leave an invalid resource (RFC 7643 §7 "required").
  if (loc.def?.required && loc.isRoot) throw invalidValue(`${loc.def.name} is required and cannot be removed`);
  delete loc.container[loc.key];
}

function setOrClear(loc: Location, value: unknown) {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) clear(loc);
  else loc.container[loc.key] = value;
}

function isMultiValued(def: AttributeDefinition | undefined, current: unknown, value: unknown): boolean {
  return def ? def.multiValued : Array.isArray(current) || Array.isArray(value);
}

function isComplexSingle(def: AttributeDefinition | undefined, current: unknown, value: unknown): boolean {
  return def ? def.type === "complex" && !def.multiValued : isPlainObject(current) && isPlainObject(value);
}

/** Entra sends booleans as "True"/"False" (e.g. {"op":"Replace","path":"active","value":"False"}). */
function coerceScalar(def: AttributeDefinition | undefined, value: unknown): unknown {
  if (def?.type === "boolean") return toBoolean(value) ?? value;
  return value;
}

/** An element with sub-attribute names in the schema's spelling and "True"/"False" read as booleans. */
function canonicalElement(def: AttributeDefinition | undefined, value: unknown): unknown {
  if (!isPlainObject(value) || !def?.subAttributes) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const sub = findAttribute(def.subAttributes, k);
    out[sub?.name ?? k] = coerceScalar(sub, v);
  }
  return out;
}

function mergeIgnoringCase(target: JsonObject, source: JsonObject): JsonObject {
  for (const [k, v] of Object.entries(source)) {
    const key = findKey(target, k) ?? k;
    if (isNoValue(v)) delete target[key];
    else target[key] = v;
  }
  return target;
}

function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return [...value];
  return isNoValue(value) ? [] : [value];
}

function withoutEmptyElements(elements: unknown[]): unknown[] {
  return elements.filter((e) => !isPlainObject(e) || Object.keys(e).length > 0);
}

/**
 * RFC 7644 §3.5.2: setting "primary": true on a value makes the server set it to false on the
 * others. The value just written wins; otherwise the first primary is kept.
 */
function onlyOnePrimary(elements: unknown[], written: unknown[]) {
  const winner = written.find((e) => isPlainObject(e) && e.primary === true);
  if (!winner) {
    keepFirstPrimary(elements.filter(isPlainObject));
    return;
  }
  for (const e of elements) if (isPlainObject(e) && e !== winner && e.primary === true) e.primary = false;
}
