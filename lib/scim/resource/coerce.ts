// Type checking of attribute values against their schema definition (RFC 7643 §2.3), with the
// leniencies identity providers need. Used by normalizeUser / normalizeGroup.
import { invalidValue } from "../errors";
import { findAttribute, type AttributeDefinition } from "../schema";
import { assertSafeJson, assertSafeString, isNoValue, isPlainObject, type JsonObject } from "./json";

/**
 * true/false, or the strings "true"/"false" in any case: Entra ID (without ?aadOptscim062020)
 * sends `"active": "False"` (learn.microsoft.com … application-provisioning-config-problem-scim-compatibility).
 * Undefined when the value is neither.
 */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  return undefined;
}

/**
 * Checks and canonicalises `value` for `def`. Returns undefined for "no value" (null, "", an empty
 * complex value or array: RFC 7644 §3.5.2 treats them as unassigned). Sub-attribute names are
 * canonicalised to the schema's spelling; unknown sub-attributes are kept as sent.
 * Throws 400 invalidValue naming the attribute for a wrong type.
 */
export function coerceAttribute(def: AttributeDefinition, value: unknown, label: string): unknown {
  if (isNoValue(value)) return undefined;
  if (!def.multiValued) return coerceSingle(def, value, label);
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  // Lenient: a single element where an array is expected (`"emails": {"value": …}`) is wrapped.
  else if (def.type !== "complex" || isPlainObject(value)) items = [value];
  else throw invalidValue(`${label} must be an array`);
  const out = items.map((item, i) => coerceSingle(def, item, `${label}[${i}]`)).filter((v) => v !== undefined);
  if (def.type === "complex" && findAttribute(def.subAttributes, "primary")) keepFirstPrimary(out as JsonObject[]);
  return out.length ? out : undefined;
}

/** RFC 7643 §2.4: at most one element is primary. Lenient: the first one claiming it keeps it. */
export function keepFirstPrimary(elements: JsonObject[]): void {
  let seen = false;
  for (const element of elements) {
    if (element.primary !== true) continue;
    if (seen) element.primary = false;
    seen = true;
  }
}

function coerceSingle(def: AttributeDefinition, value: unknown, label: string): unknown {
  if (isNoValue(value)) return undefined;
  switch (def.type) {
    case "string":
    case "reference":
    case "binary":
    case "dateTime":
      if (typeof value !== "string") throw invalidValue(`${label} must be a string`);
      assertSafeString(value, label);
      return value;
    case "boolean": {
      const b = toBoolean(value);
      if (b === undefined) throw invalidValue(`${label} must be a boolean (true or false)`);
      return b;
    }
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) throw invalidValue(`${label} must be an integer`);
      return value;
    case "decimal":
      if (typeof value !== "number" || !Number.isFinite(value)) throw invalidValue(`${label} must be a number`);
      return value;
    case "complex":
      return coerceComplex(def, value, label);
  }
}

function coerceComplex(def: AttributeDefinition, value: unknown, label: string): JsonObject | undefined {
  if (!isPlainObject(value)) throw invalidValue(`${label} must be an object`);
  const out: JsonObject = {};
  for (const [key, raw] of Object.entries(value)) {
    const sub = findAttribute(def.subAttributes, key);
    if (sub) {
      const v = coerceSingle({ ...sub, multiValued: false }, raw, `${label}.${sub.name}`);
      if (v !== undefined) out[sub.name] = v;
    } else if (!isNoValue(raw)) {
      // Unknown sub-attribute: kept as sent (nothing an identity provider sends is silently lost).
      assertSafeJson(raw, `${label}.${key}`);
      out[key] = raw;
    }
  }
  return Object.keys(out).length ? out : undefined;
}
