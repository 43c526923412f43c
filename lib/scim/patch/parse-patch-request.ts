// The PatchOp request message (RFC 7644 §3.5.2): validated and normalised before anything is read
// from the database, so a malformed request costs nothing and fails the same way for Users and Groups.
import { invalidSyntax, invalidValue, noTarget, ScimError } from "../errors";
import { assertSafeJson, findKey, isPlainObject } from "../resource/json";
import { SCHEMA_PATCH_OP } from "../schema";
import { parsePatchPath } from "./parse-patch-path";

/** Operations per request; advertised in /ServiceProviderConfig (lib/scim-server/limits.ts). */
export const MAX_PATCH_OPERATIONS = 1000;

export type PatchOpName = "add" | "remove" | "replace";

export interface PatchOperation {
  op: PatchOpName;
  /** Absent: the target is the resource itself (add/replace only). */
  path?: string;
  /** Present for add/replace (may be null or "": "clear the value"); optional for remove. */
  value?: unknown;
}

const OPS: readonly string[] = ["add", "remove", "replace"];

export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) throw invalidSyntax("A PATCH request body must be a JSON object (RFC 7644 §3.5.2)");
  assertSafeJson(body, "PATCH request");
  const schemasKey = findKey(body, "schemas");
  // Lenient: a missing `schemas` is accepted (Okta and Entra always send it; hand-written clients forget).
  if (schemasKey !== undefined) {
    const schemas = body[schemasKey];
    if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === SCHEMA_PATCH_OP.toLowerCase())) {
      throw invalidSyntax(`schemas must contain "${SCHEMA_PATCH_OP}"`);
    }
  }
  const operationsKey = findKey(body, "Operations");
  const operations = operationsKey === undefined ? undefined : body[operationsKey];
  if (!Array.isArray(operations)) throw invalidSyntax('A PATCH request needs an "Operations" array');
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw invalidValue(`Too many operations: ${operations.length} (at most ${MAX_PATCH_OPERATIONS} per request)`);
  }
  return operations.map((raw, i) => parseOperation(raw, i));
}

function parseOperation(raw: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isPlainObject(raw)) throw invalidSyntax(`${where} must be an object`);
  const get = (name: string) => {
    const key = findKey(raw, name);
    return key === undefined ? undefined : raw[key];
  };
  const opRaw = get("op");
  // Entra sends "Add", "Replace", "Remove": op is matched case-insensitively.
  const op = typeof opRaw === "string" ? opRaw.trim().toLowerCase() : undefined;
  if (!op || !OPS.includes(op)) {
    throw invalidValue(`${where}: unsupported op ${JSON.stringify(opRaw ?? null)}; expected "add", "remove" or "replace"`);
  }
  const pathRaw = get("path");
  // Lenient: null or "" is read as "no path".
  const path = pathRaw === undefined || pathRaw === null || pathRaw === "" ? undefined : pathRaw;
  if (path !== undefined) {
    try {
      parsePatchPath(path);
    } catch (e) {
      if (e instanceof ScimError) throw new ScimError(e.status, `${where}: ${e.message}`, e.scimType);
      throw e;
    }
  }
  const hasValue = findKey(raw, "value") !== undefined;
  const value = get("value");
  if (op === "remove") {
    // RFC 7644 §3.5.2.2: remove without a path fails with noTarget.
    if (path === undefined) throw noTarget(`${where}: remove needs a "path"`);
  } else {
    if (!hasValue) throw invalidValue(`${where}: ${op} needs a "value"`);
    if (path === undefined && !isPlainObject(value)) {
      throw invalidValue(`${where}: without a "path", the value of ${op} must be an object of attributes`);
    }
  }
  const out: PatchOperation = { op: op as PatchOpName };
  if (path !== undefined) out.path = path as string;
  if (hasValue) out.value = value;
  return out;
}
