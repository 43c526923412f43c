// In-memory evaluation of a filter (RFC 7644 §3.4.2.2) against one SCIM resource as returned to
// clients, or against one element of a multi-valued attribute (PATCH value-path filters,
// RFC 7644 §3.5.2). List endpoints filter in the database instead (compile-filter-sql.ts); the
// semantics below are kept identical to the SQL so both answer the same question:
//   - attribute names are case-insensitive; strings compare case-insensitively unless the
//     attribute is caseExact (id, externalId, meta.version, …);
//   - a multi-valued attribute matches when any of its values matches; a complex attribute
//     without a sub-attribute compares its `value` (`emails co "x"` ≡ emails.value co "x");
//   - `ne` is `not eq`: true when the attribute is absent, and for a multi-valued attribute when
//     no value equals; `eq null` means "not present", `ne null` means "present";
//   - `pr`: present and not null, "" , [] or {}; for a multi-valued complex attribute without a
//     sub-attribute: it has at least one element;
//   - gt/ge/lt/le compare dateTimes as instants and strings lexicographically.
import { invalidFilter } from "../errors";
import { CUSTOM_USER_EXTENSION_PATTERN, type AttributeDefinition, type ResourceTypeName } from "../schema";
import type { AttributePath, Filter } from "./ast";
import {
  compareOperand,
  comparisonDefinition,
  flatten,
  resolveElementPath,
  resolveResourcePath,
  toOperand,
  type ResolvedPath,
} from "./resolve-path";

/** An attribute found for a path: its definitions plus the raw value read from the JSON. */
interface Found {
  resolved: ResolvedPath;
  raw: unknown;
}

type Lookup = (path: AttributePath) => Found;

/**
 * Evaluates `filter` against a whole resource (core attributes top-level, extension attributes
 * under their URN key, profile fields top-level or under a custom extension URN).
 * Throws ScimError (invalidFilter) for unknown attributes or type mismatches.
 */
export function evaluateFilter(filter: Filter, resource: Record<string, unknown>, resourceType: ResourceTypeName): boolean {
  validate(filter, (path) => resolveResourcePath(path, resourceType), true);
  const lookup: Lookup = (path) => {
    const resolved = resolveResourcePath(path, resourceType);
    return { resolved, raw: readTopLevel(resource, resolved) };
  };
  return evaluate(filter, lookup);
}

/**
 * Evaluates a value filter against ONE element of a multi-valued (or complex) attribute: the
 * paths in `filter` are sub-attribute names of `parentAttribute`. For `emails[type eq "work"]`
 * call `evaluateElementFilter(<the filter inside [ ]>, oneEmail, emailsDefinition)`; this is what
 * the PATCH engine uses to select the elements a `path` targets (RFC 7644 §3.5.2).
 */
export function evaluateElementFilter(filter: Filter, element: unknown, parentAttribute: AttributeDefinition): boolean {
  validate(filter, elementResolver(parentAttribute), false);
  return evaluate(filter, elementLookup(element, parentAttribute));
}

function elementResolver(parent: AttributeDefinition) {
  return (path: AttributePath): ResolvedPath => {
    const attribute = resolveElementPath(path, parent);
    return { label: `${parent.name}.${attribute.name}`, attribute };
  };
}

/**
 * Checks every path and operand before looking at any data, so a filter is rejected (or not)
 * whatever the resource holds and however and/or short-circuit — exactly as the SQL compiler does.
 */
function validate(filter: Filter, resolve: (path: AttributePath) => ResolvedPath, topLevel: boolean): void {
  const stack: Filter[] = [filter];
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case "and":
      case "or":
        stack.push(node.left, node.right);
        break;
      case "not":
        stack.push(node.filter);
        break;
      case "present":
        resolve(node.path);
        break;
      case "compare":
        validateCompare(node, resolve(node.path));
        break;
      case "valuePath": {
        if (!topLevel) throw invalidFilter('Value filters ("[...]") cannot be nested');
        const resolved = resolve(node.path);
        if (resolved.subAttribute || resolved.attribute.type !== "complex") {
          throw invalidFilter(`"${resolved.label}[...]": a value filter needs a complex attribute`);
        }
        validate(node.filter, elementResolver(resolved.attribute), false);
      }
    }
  }
}

function validateCompare(filter: Extract<Filter, { type: "compare" }>, resolved: ResolvedPath): void {
  if (filter.value === null) {
    if (filter.op !== "eq" && filter.op !== "ne") throw invalidFilter(`"${resolved.label} ${filter.op} null": null only works with eq and ne`);
    return;
  }
  toOperand(filter.op, comparisonDefinition(resolved), filter.value, resolved.label);
}

function elementLookup(element: unknown, parent: AttributeDefinition): Lookup {
  const resolve = elementResolver(parent);
  return (path) => {
    const resolved = resolve(path);
    const raw = parent.type === "complex" ? getProperty(element, resolved.attribute.name) : element;
    return { resolved, raw };
  };
}

// Evaluation proper: the filter has been validated, so paths resolve and operands type-check.

function evaluate(filter: Filter, lookup: Lookup): boolean {
  switch (filter.type) {
    case "and":
      return flatten(filter).every((f) => evaluate(f, lookup));
    case "or":
      return flatten(filter).some((f) => evaluate(f, lookup));
    case "not":
      return !evaluate(filter.filter, lookup);
    case "present":
      return isAttributePresent(lookup(filter.path));
    case "compare":
      return evaluateCompare(filter, lookup);
    case "valuePath": {
      const found = lookup(filter.path);
      return elementsOf(found).some((element) => evaluate(filter.filter, elementLookup(element, found.resolved.attribute)));
    }
  }
}

function evaluateCompare(filter: Extract<Filter, { type: "compare" }>, lookup: Lookup): boolean {
  const found = lookup(filter.path);
  if (filter.value === null) return filter.op === "eq" ? !isAttributePresent(found) : isAttributePresent(found);
  const definition = comparisonDefinition(found.resolved);
  const operand = toOperand(filter.op, definition, filter.value, found.resolved.label);
  const op = filter.op === "ne" ? "eq" : filter.op;
  const matches = leafValues(found, definition).some((v) => compareOperand(op, v, operand, definition.caseExact));
  return filter.op === "ne" ? !matches : matches;
}

/**
 * The values of an attribute: the elements of a multi-valued one (a non-array value counts as
 * none, as in SQL), or the single value.
 */
function itemsOf(found: Found): unknown[] {
  if (!found.resolved.attribute.multiValued) return [found.raw];
  return Array.isArray(found.raw) ? found.raw : [];
}

/** The objects of a complex attribute; other elements (malformed data) are ignored, as in SQL. */
function elementsOf(found: Found): Record<string, unknown>[] {
  return itemsOf(found).filter(isPlainObject);
}

/** The scalar values a comparison looks at: e.g. every emails[].value for `emails co "x"`. */
function leafValues(found: Found, definition: AttributeDefinition): unknown[] {
  const { attribute } = found.resolved;
  if (attribute.type === "complex") return elementsOf(found).map((e) => getProperty(e, definition.name));
  return itemsOf(found);
}

function isAttributePresent(found: Found): boolean {
  const { attribute, subAttribute } = found.resolved;
  if (attribute.type === "complex" && subAttribute) return leafValues(found, subAttribute).some(isPresent);
  if (attribute.type === "complex" && attribute.multiValued) return elementsOf(found).length > 0;
  return itemsOf(found).some(isPresent);
}

/** RFC 7644 §3.4.2.2 `pr`: "has a non-empty value, or if it contains a non-empty node". */
function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

function readTopLevel(resource: Record<string, unknown>, resolved: ResolvedPath): unknown {
  if (resolved.profileField !== undefined) return readProfileField(resource, resolved.attribute.name);
  if (resolved.extensionUrn) return getProperty(getProperty(resource, resolved.extensionUrn), resolved.attribute.name);
  return getProperty(resource, resolved.attribute.name);
}

/** profileField_<name> may sit top-level or under any custom extension URN object. */
function readProfileField(resource: Record<string, unknown>, name: string): unknown {
  const direct = getProperty(resource, name);
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(resource)) {
    if (!CUSTOM_USER_EXTENSION_PATTERN.test(key)) continue;
    const nested = getProperty(value, name);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

/** Case-insensitive property read (RFC 7643 §2.1: attribute names are case-insensitive). */
function getProperty(object: unknown, name: string): unknown {
  if (!isPlainObject(object)) return undefined;
  if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
