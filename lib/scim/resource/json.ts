// Small JSON helpers shared by normalisation, output mapping and PATCH. Everything here is
// iterative or depth-bounded: request bodies are attacker-controlled, and a deeply nested array
// must become a 400, never a stack overflow (a 500).
import { invalidValue } from "../errors";

/** Bodies nest a few levels (resource → extension → complex → element); 64 leaves ample room. */
export const MAX_JSON_DEPTH = 64;
/** Longest string accepted anywhere in a resource (64 KiB). */
export const MAX_STRING_LENGTH = 64 * 1024;

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** RFC 7644 §3.5.2: null and "" (and empty containers) mean "no value". */
export function isNoValue(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** The key of `object` equal to `name` ignoring case (RFC 7643 §2.1), exact match preferred. */
export function findKey(object: JsonObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}

/** Case-insensitive property read. */
export function getIgnoringCase(object: unknown, name: string): unknown {
  if (!isPlainObject(object)) return undefined;
  const key = findKey(object, name);
  return key === undefined ? undefined : object[key];
}

/** Deletes every key equal to `name` ignoring case; returns whether something was deleted. */
export function deleteIgnoringCase(object: JsonObject, name: string): boolean {
  const lower = name.toLowerCase();
  let deleted = false;
  for (const k of Object.keys(object)) {
    if (k.toLowerCase() === lower) {
      delete object[k];
      deleted = true;
    }
  }
  return deleted;
}

/**
 * Throws 400 invalidValue when `value` nests deeper than MAX_JSON_DEPTH or holds a string with a
 * NUL character (PostgreSQL text and jsonb cannot store U+0000) or longer than MAX_STRING_LENGTH.
 * Keys are checked like strings. Iterative, so hostile nesting cannot exhaust the stack.
 */
export function assertSafeJson(value: unknown, label: string): void {
  const stack: { value: unknown; depth: number; label: string }[] = [{ value, depth: 0, label }];
  while (stack.length) {
    const item = stack.pop()!;
    if (item.depth > MAX_JSON_DEPTH) throw invalidValue(`${label} is nested more than ${MAX_JSON_DEPTH} levels deep`);
    const v = item.value;
    if (typeof v === "string") {
      assertSafeString(v, item.label);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: item.depth + 1, label: item.label });
    } else if (isPlainObject(v)) {
      for (const [k, child] of Object.entries(v)) {
        assertSafeString(k, `${item.label} (attribute name)`);
        stack.push({ value: child, depth: item.depth + 1, label: `${item.label}.${k}` });
      }
    } else if (typeof v === "number" && !Number.isFinite(v)) {
      throw invalidValue(`${item.label} must be a finite number`);
    }
  }
}

export function assertSafeString(text: string, label: string): void {
  if (text.includes("\u0000")) throw invalidValue(`${label} must not contain NUL characters`);
  if (text.length > MAX_STRING_LENGTH) throw invalidValue(`${label} is longer than ${MAX_STRING_LENGTH} characters`);
}

/** Deep copy of JSON data (callers have bounded the depth with assertSafeJson or own the data). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => cloneJson(v)) as T;
  if (isPlainObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneJson(v);
    return out as T;
  }
  return value;
}

/** Structural equality of JSON values; object keys compare exactly, key order is irrelevant. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}
