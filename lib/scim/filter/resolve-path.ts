// Resolves filter attribute paths against the schema definitions (lib/scim/schema.ts) and types
// comparison values, so that the in-memory evaluator and the SQL compiler agree on what an
// attribute is, whether it compares case-exactly and which operators it allows.
import { invalidFilter } from "../errors";
import {
  attr,
  CUSTOM_USER_EXTENSION_PATTERN,
  PROFILE_FIELD_PREFIX,
  findAttribute,
  findResourceAttribute,
  resourceTypes,
  type AttributeDefinition,
  type ResourceTypeName,
} from "../schema";
import type { AttributePath, CompareOperator, Filter, FilterValue } from "./ast";
import type { ErrorFactory } from "./parse-filter";

export interface ResolvedPath {
  /** The path as the client wrote it, for error messages. */
  label: string;
  /** The top-level attribute (a synthetic single-valued string for profile fields). */
  attribute: AttributeDefinition;
  subAttribute?: AttributeDefinition;
  /** Set when the attribute lives under an extension's URN key in the resource JSON. */
  extensionUrn?: string;
  /** `profileField_<name>`: the <name>, the key in ScimUser."profileFields". */
  profileField?: string;
}

/** A comparison value checked against the attribute's type (RFC 7643 §2.3). */
export type Operand =
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "dateTime"; value: Date }
  | { kind: "number"; value: number };

const PROFILE_FIELD = new RegExp(`^${PROFILE_FIELD_PREFIX}([A-Za-z0-9_-]+)$`, "i");

export function pathLabel(path: AttributePath): string {
  const name = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  return path.schema ? `${path.schema}:${name}` : name;
}

/**
 * `schemas` (RFC 7643 §3) is on every resource but not in the schema definitions; RFC 7644
 * §3.4.2.2 filters on it (`schemas eq "urn:…:enterprise:2.0:User"`). Schema URIs are compared
 * case-insensitively, as everywhere else in Roster.
 */
const SCHEMAS_ATTRIBUTE = attr("schemas", "reference", { multiValued: true, mutability: "readOnly" });

/**
 * Custom profile fields: `profileField_<name>` top-level or under any
 * urn:ietf:params:scim:schemas:extension:<AnyName>:2.0:User (how Entra ID emits custom attributes).
 */
function resolveProfileField(path: AttributePath, type: ResourceTypeName, fail: ErrorFactory): ResolvedPath | undefined {
  const m = PROFILE_FIELD.exec(path.attribute);
  if (!m || type !== "User") return undefined;
  if (path.schema && !CUSTOM_USER_EXTENSION_PATTERN.test(path.schema)) return undefined;
  if (path.subAttribute) throw fail(`"${pathLabel(path)}": profile fields have no sub-attributes`);
  return { label: pathLabel(path), attribute: attr(path.attribute, "string"), profileField: m[1] };
}

/** Resolves a path relative to a resource (RFC 7644 §3.10: names are case-insensitive). */
export function resolveResourcePath(path: AttributePath, type: ResourceTypeName, fail: ErrorFactory = invalidFilter): ResolvedPath {
  const label = pathLabel(path);
  const profileField = resolveProfileField(path, type, fail);
  if (profileField) return profileField;
  if (!path.schema && !path.subAttribute && path.attribute.toLowerCase() === "schemas") return { label, attribute: SCHEMAS_ATTRIBUTE };
  const found = findResourceAttribute(type, path.attribute, path.schema);
  if (!found) throw fail(`Unknown attribute "${label}" for resource type ${type}`);
  // Filtering on a never-returned attribute (password) would let a client probe its value.
  if (found.attribute.returned === "never") throw fail(`The attribute "${label}" cannot be used here`);
  const resolved: ResolvedPath = { label, attribute: found.attribute };
  if (found.schema !== resourceTypes[type].schema.id) resolved.extensionUrn = found.schema;
  if (path.subAttribute) resolved.subAttribute = resolveSubAttribute(found.attribute, path.subAttribute, label, fail);
  return resolved;
}

function resolveSubAttribute(parent: AttributeDefinition, name: string, label: string, fail: ErrorFactory) {
  if (parent.type !== "complex") throw fail(`"${parent.name}" has no sub-attributes (in "${label}")`);
  const sub = findAttribute(parent.subAttributes, name);
  if (!sub) throw fail(`Unknown sub-attribute "${label}"`);
  return sub;
}

/**
 * Resolves a path inside a value filter (`emails[type eq "work"]`): a plain sub-attribute name of
 * `parent`. For a multi-valued attribute of simple values, `value` names the element itself.
 */
export function resolveElementPath(path: AttributePath, parent: AttributeDefinition, fail: ErrorFactory = invalidFilter): AttributeDefinition {
  const label = `${parent.name}[${pathLabel(path)}]`;
  if (path.schema || path.subAttribute) throw fail(`Inside "${parent.name}[...]" use plain sub-attribute names, found "${pathLabel(path)}"`);
  if (parent.type !== "complex") {
    if (path.attribute.toLowerCase() === "value") return { ...parent, multiValued: false };
    throw fail(`Unknown sub-attribute "${label}"`);
  }
  return resolveSubAttribute(parent, path.attribute, label, fail);
}

/**
 * The definition whose type and caseExact govern a comparison: the sub-attribute if named, else a
 * complex attribute's `value` sub-attribute (RFC 7644 §3.4.2.2: `emails co "x"` compares
 * emails.value), else the attribute itself.
 */
export function comparisonDefinition(resolved: ResolvedPath, fail: ErrorFactory = invalidFilter): AttributeDefinition {
  if (resolved.subAttribute) return resolved.subAttribute;
  const attribute = resolved.attribute;
  if (attribute.type !== "complex") return attribute;
  const value = findAttribute(attribute.subAttributes, "value");
  if (!value) throw fail(`"${resolved.label}" is complex: name a sub-attribute (e.g. "${attribute.name}.${attribute.subAttributes?.[0]?.name ?? "value"}")`);
  return value;
}

const XSD_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?$/;

/** Parses an xsd:dateTime (RFC 7643 §2.3.5); no offset means UTC. Undefined when invalid. */
export function parseDateTime(text: string): Date | undefined {
  const m = XSD_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone = "Z"] = m;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${zone.toUpperCase()}`);
  if (Number.isNaN(ms)) return undefined;
  // V8 accepts 2011-02-30 as March 2nd: re-check the calendar date.
  const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (probe.getUTCMonth() !== Number(mo) - 1 || probe.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return undefined;
  }
  return new Date(ms);
}

const ORDERING: ReadonlySet<CompareOperator> = new Set(["gt", "ge", "lt", "le"]);
const SUBSTRING: ReadonlySet<CompareOperator> = new Set(["co", "sw", "ew"]);

/**
 * Checks `op value` against the attribute type and returns the typed operand. RFC 7644 §3.4.2.2:
 * gt/ge/lt/le on boolean or binary attributes SHALL fail with invalidFilter. Substring operators
 * only make sense on strings. `null` is handled by the callers (eq null = absent).
 */
export function toOperand(
  op: CompareOperator,
  definition: AttributeDefinition,
  value: Exclude<FilterValue, null>,
  label: string,
  fail: ErrorFactory = invalidFilter,
): Operand {
  const type = definition.type;
  const refuse = (why: string) => fail(`"${label} ${op} ${JSON.stringify(value)}": ${why}`);
  if (type === "boolean") {
    if (op !== "eq" && op !== "ne") throw refuse(`"${label}" is boolean; only eq and ne apply`);
    if (typeof value !== "boolean") throw refuse(`"${label}" is boolean; compare it with true or false`);
    return { kind: "boolean", value };
  }
  if (type === "dateTime") {
    if (SUBSTRING.has(op)) throw refuse(`"${label}" is a dateTime; use eq, ne, gt, ge, lt or le`);
    const date = typeof value === "string" ? parseDateTime(value) : undefined;
    if (!date) throw refuse(`"${label}" is a dateTime; the value must be an xsd:dateTime such as "2011-05-13T04:42:34Z"`);
    return { kind: "dateTime", value: date };
  }
  if (type === "decimal" || type === "integer") {
    if (SUBSTRING.has(op)) throw refuse(`"${label}" is a number; substring operators do not apply`);
    if (typeof value !== "number") throw refuse(`"${label}" is a number; the value must be a number`);
    return { kind: "number", value };
  }
  if (type === "complex") throw refuse(`"${label}" is complex: name a sub-attribute`);
  // string, reference, binary
  if (type === "binary" && ORDERING.has(op)) throw refuse(`"${label}" is binary; gt, ge, lt and le do not apply`);
  if (typeof value === "boolean") throw refuse(`"${label}" is a string; the value must be a string`);
  return { kind: "string", value: typeof value === "number" ? String(value) : value };
}

/** JS-side comparison used by the evaluator and for constant attributes in SQL. */
export function compareOperand(op: Exclude<CompareOperator, "ne">, actual: unknown, operand: Operand, caseExact: boolean): boolean {
  switch (operand.kind) {
    case "boolean":
      return op === "eq" && actual === operand.value;
    case "number":
      return typeof actual === "number" && ordered(op, actual, operand.value);
    case "dateTime": {
      const date = typeof actual === "string" ? Date.parse(actual) : actual instanceof Date ? actual.getTime() : NaN;
      return !Number.isNaN(date) && ordered(op, date, operand.value.getTime());
    }
    case "string": {
      if (typeof actual !== "string" && typeof actual !== "number") return false;
      const a = caseExact ? String(actual) : String(actual).toLowerCase();
      const b = caseExact ? operand.value : operand.value.toLowerCase();
      if (op === "co") return a.includes(b);
      if (op === "sw") return a.startsWith(b);
      if (op === "ew") return a.endsWith(b);
      return ordered(op, a, b);
    }
  }
}

function ordered<T extends number | string>(op: CompareOperator, a: T, b: T): boolean {
  switch (op) {
    case "eq":
      return a === b;
    case "gt":
      return a > b;
    case "ge":
      return a >= b;
    case "lt":
      return a < b;
    case "le":
      return a <= b;
    default:
      return false;
  }
}

/** Collects the operands of a chain of one logical operator iteratively (no deep recursion). */
export function flatten(filter: Extract<Filter, { type: "and" | "or" }>): Filter[] {
  const out: Filter[] = [];
  const stack: Filter[] = [filter];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === filter.type) stack.push(node.right, node.left);
    else out.push(node);
  }
  return out;
}
