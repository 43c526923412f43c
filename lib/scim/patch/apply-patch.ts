// PATCH (RFC 7644 §3.5.2) on the full SCIM JSON of a resource, as toScimUser / toScimGroup return
// it. Works on a deep copy and throws a ScimError at the first bad operation, so the caller either
// gets the fully patched resource or keeps the old one: all operations apply, or none.
// Values are type-checked afterwards, when the caller re-normalises the result (normalizeUser /
// normalizeGroup); here only the structure of each operation is checked.
import { invalidPath, invalidValue, mutability, noTarget, ScimError } from "../errors";
import { isCoreUrn, isCustomUserExtensionUrn, isEnterpriseUrn, isExtensionUrnKey, isProfileFieldKey } from "../resource/extensions";
import { assertSafeJson, cloneJson, findKey, isNoValue, isPlainObject, type JsonObject } from "../resource/json";
import { enterpriseUserSchema, findAttribute, findResourceAttribute, resourceTypes, SCHEMA_ENTERPRISE_USER, type AttributeDefinition, type ResourceTypeName } from "../schema";
import { applyFiltered, applySubAttribute, applyWhole, type Location } from "./apply-values";
import { applyProfileField } from "./apply-profile-field";
import type { PatchOpName, PatchOperation } from "./parse-patch-request";
import { formatPatchPath, parsePatchPath, type PatchPath } from "./parse-patch-path";

const OPS: readonly string[] = ["add", "remove", "replace"];

export function applyPatch(resource: Record<string, unknown>, operations: PatchOperation[], resourceType: ResourceTypeName): Record<string, unknown> {
  const target = cloneJson(resource);
  operations.forEach((operation, index) => {
    try {
      applyOperation(target, operation, resourceType);
    } catch (e) {
      if (e instanceof ScimError) throw new ScimError(e.status, `Operations[${index}]: ${e.message}`, e.scimType, e.headers);
      throw e;
    }
  });
  return target;
}

function applyOperation(root: JsonObject, operation: PatchOperation, type: ResourceTypeName) {
  const op = operation.op;
  if (!OPS.includes(op)) throw invalidValue(`unsupported op ${JSON.stringify(op)}`);
  if (operation.value !== undefined) assertSafeJson(operation.value, "value");
  if (operation.path === undefined || operation.path === null || operation.path === "") {
    // RFC 7644 §3.5.2.2: remove without a path fails with noTarget.
    if (op === "remove") throw noTarget('remove needs a "path"');
    if (!isPlainObject(operation.value)) throw invalidValue(`without a "path", the value of ${op} must be an object of attributes`);
    applyToResource(root, op, operation.value, type);
    return;
  }
  applyAt(root, op, parsePatchPath(operation.path), operation.value, type, true);
}

/**
 * add/replace without a path (RFC 7644 §3.5.2.1, §3.5.2.3): each key of the value is an attribute.
 * Entra (?aadOptscim062020) puts paths in those keys — "name.givenName",
 * "urn:…:enterprise:2.0:User:employeeNumber", even `emails[type eq "work"].value` — so every key
 * is read as a path.
 */
function applyToResource(root: JsonObject, op: PatchOpName, value: JsonObject, type: ResourceTypeName, schema?: string) {
  for (const [key, v] of Object.entries(value)) {
    applyAt(root, op, pathOfKey(key, schema), v, type, false);
  }
}

/** A key of a path-less value (or of an extension object) as a path. */
function pathOfKey(key: string, schema?: string): PatchPath {
  if (/[.[:]/.test(key)) return parsePatchPath(schema ? `${schema}:${key}` : key);
  // Any other key is an attribute name as sent (unknown attributes are kept, whatever their name).
  return schema ? { schema, attribute: key } : { attribute: key };
}

/** `explicit`: the path was written in the operation (not a key of a path-less value). */
function applyAt(root: JsonObject, op: PatchOpName, path: PatchPath, value: unknown, type: ResourceTypeName, explicit: boolean) {
  if (!path.schema && !path.filter && !path.subAttribute) {
    // The core schema URN as a path names the resource itself.
    if (isCoreUrn(path.attribute)) {
      if (op === "remove") throw noTarget("the resource itself cannot be removed");
      if (!isPlainObject(value)) throw invalidValue(`the value for ${path.attribute} must be an object of attributes`);
      applyToResource(root, op, value, type);
      return;
    }
    if (isExtensionUrnKey(path.attribute)) {
      applyToExtension(root, op, path.attribute, value, type);
      return;
    }
  }
  const schema = schemaOf(path, type);
  if (type === "User" && isProfileFieldKey(path.attribute) && (!schema || isCustomUserExtensionUrn(schema))) {
    if (path.filter || path.subAttribute) throw invalidPath(`${formatPatchPath(path)}: profile fields have no sub-attributes`);
    applyProfileField(root, op, path.attribute, schema, value);
    return;
  }
  const location = locate(root, path, schema, type, op, explicit);
  if (!location) return;
  checkUnassignable(location.def, path, op, value, explicit);
  if (path.filter) applyFiltered(location, op, path.filter, path.subAttribute, value);
  else if (path.subAttribute) applySubAttribute(location, op, path.subAttribute, value);
  else applyWhole(location, op, value);
  location.cleanup?.();
}

/** The extension URN of the path, or undefined for the core schema (checked against the resource type). */
function schemaOf(path: PatchPath, type: ResourceTypeName): string | undefined {
  if (!path.schema) return undefined;
  if (!isCoreUrn(path.schema)) return path.schema;
  if (path.schema.toLowerCase() !== resourceTypes[type].schema.id.toLowerCase()) {
    throw invalidPath(`${path.schema} is not a schema of ${type} resources`);
  }
  return undefined;
}

/**
 * The whole extension object as the target (`"path": "urn:…:enterprise:2.0:User"`): its keys are
 * applied one by one, so manager strings, profile fields and readOnly rules work as for paths.
 * Removing it (or setting it to null/"") removes the object.
 */
function applyToExtension(root: JsonObject, op: PatchOpName, urn: string, value: unknown, type: ResourceTypeName) {
  if (op === "remove" || isNoValue(value)) {
    const key = findKey(root, urn);
    if (key !== undefined) delete root[key];
    return;
  }
  if (!isPlainObject(value)) throw invalidValue(`the value for ${urn} must be an object`);
  applyToResource(root, op, value, type, urn);
}

/**
 * RFC 7644 §3.5.2: "If an attribute is removed or becomes unassigned and is defined as a required
 * attribute or a read-only attribute, the server SHALL return ... a "scimType" error code of
 * "mutability"." (userName, a group's displayName; readOnly sub-attributes such as manager.displayName.)
 */
function checkUnassignable(def: AttributeDefinition | undefined, path: PatchPath, op: PatchOpName, value: unknown, explicit: boolean) {
  if (!def) return;
  const unassigns = op === "remove" || isNoValue(value);
  if (!path.filter && !path.subAttribute) {
    if (def.required && unassigns) throw mutability(`${def.name} is required and cannot be removed`);
    return;
  }
  const sub = path.subAttribute ? findAttribute(def.subAttributes, path.subAttribute) : undefined;
  if (sub?.mutability === "readOnly" && explicit) throw mutability(`${def.name}.${sub.name} is readOnly and cannot be modified`);
  if (sub?.required && unassigns) throw mutability(`${def.name}.${sub.name} is required and cannot be removed`);
}

function locate(
  root: JsonObject,
  path: PatchPath,
  schema: string | undefined,
  type: ResourceTypeName,
  op: PatchOpName,
  explicit: boolean,
): Location | undefined {
  const label = formatPatchPath(path);
  if (!schema) {
    // RFC 7643 §3: schemas is managed by the server; changes to it are ignored.
    if (path.attribute.toLowerCase() === "schemas") return undefined;
    const def = findResourceAttribute(type, path.attribute)?.attribute;
    if (def?.mutability === "readOnly") {
      // id, meta, groups. Okta and Entra echo `id` inside path-less values: dropped silently there.
      if (explicit) throw mutability(`${def.name} is readOnly and cannot be modified`);
      return undefined;
    }
    // password (writeOnly, returned never): accepted and dropped, as on POST/PUT.
    if (def?.returned === "never") return undefined;
    return { container: root, key: findKey(root, path.attribute) ?? def?.name ?? path.attribute, def, label, isRoot: true };
  }
  const extKey = findKey(root, schema) ?? (isEnterpriseUrn(schema) ? SCHEMA_ENTERPRISE_USER : schema);
  const existing = root[extKey];
  if (!isPlainObject(existing) && op === "remove") return undefined; // nothing there: removing is a no-op
  const container = isPlainObject(existing) ? existing : {};
  root[extKey] = container;
  const def: AttributeDefinition | undefined =
    type === "User" && isEnterpriseUrn(schema) ? findAttribute(enterpriseUserSchema.attributes, path.attribute) : undefined;
  return {
    container,
    key: findKey(container, path.attribute) ?? def?.name ?? path.attribute,
    def,
    label,
    isRoot: false,
    isManager: def?.name === "manager",
    // An extension object left empty is dropped, as normalisation would.
    cleanup: () => {
      if (!Object.keys(container).length) delete root[extKey];
    },
  };
}
