// Roster keeps and returns every attribute an identity provider sends, including custom profile fields
// and attributes no schema defines. RFC 7643 §7 has /Schemas describe what a resource carries, so a
// directory's discovery documents describe these too: this collector reads resources as they are
// returned and infers a definition (type, multi-valued, sub-attributes) for each attribute that the
// standard schemas do not define, at the top level or under an extension URN.
import { findResourceAttribute, resourceTypes, type AttributeDefinition, type AttributeType, type ResourceTypeName } from "../schema";
import { isExtensionUrnKey } from "./extensions";
import { isPlainObject, type JsonObject } from "./json";

export interface CustomAttributes {
  /** Top-level attributes the core schema does not define. */
  core: AttributeDefinition[];
  /** By extension URN (as first seen): its attributes that no standard schema defines. */
  extensions: Map<string, AttributeDefinition[]>;
}

const DESCRIPTION = "Not defined by RFC 7643: sent by the identity provider and kept as sent";

function definition(name: string, type: AttributeType, extra: Partial<AttributeDefinition> = {}): AttributeDefinition {
  return { name, type, multiValued: false, description: DESCRIPTION, required: false, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "none", ...extra };
}

function infer(name: string, value: unknown): AttributeDefinition | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const element = value.map((v) => infer(name, v)).reduce<AttributeDefinition | undefined>((a, b) => (a && b ? merge(a, b) : (a ?? b)), undefined);
    return { ...(element ?? definition(name, "string")), multiValued: true };
  }
  if (typeof value === "string") return definition(name, "string");
  if (typeof value === "boolean") return definition(name, "boolean");
  if (typeof value === "number") return definition(name, Number.isInteger(value) ? "integer" : "decimal");
  if (isPlainObject(value)) {
    const subAttributes = new Map<string, AttributeDefinition>();
    for (const [key, v] of Object.entries(value)) add(subAttributes, key, v);
    return definition(name, "complex", { subAttributes: [...subAttributes.values()] });
  }
  return undefined;
}

/**
 * Two values of one attribute: integers and decimals make a decimal, complex values the union of
 * their sub-attributes. Values of different kinds cannot be described by one definition; the first
 * seen is kept (and a strict client rejects the others).
 */
function merge(a: AttributeDefinition, b: AttributeDefinition): AttributeDefinition {
  const numeric = (t: AttributeType) => t === "integer" || t === "decimal";
  if (a.type !== b.type) return numeric(a.type) && numeric(b.type) ? { ...a, type: "decimal", multiValued: a.multiValued || b.multiValued } : a;
  if (a.type !== "complex") return { ...a, multiValued: a.multiValued || b.multiValued };
  const subAttributes = new Map((a.subAttributes ?? []).map((s) => [s.name.toLowerCase(), s]));
  for (const s of b.subAttributes ?? []) {
    const known = subAttributes.get(s.name.toLowerCase());
    subAttributes.set(s.name.toLowerCase(), known ? merge(known, s) : s);
  }
  return { ...a, multiValued: a.multiValued || b.multiValued, subAttributes: [...subAttributes.values()] };
}

function add(into: Map<string, AttributeDefinition>, name: string, value: unknown) {
  const inferred = infer(name, value);
  if (!inferred) return;
  const known = into.get(name.toLowerCase());
  into.set(name.toLowerCase(), known ? merge(known, inferred) : inferred);
}

export class CustomAttributeCollector {
  private readonly core = new Map<string, AttributeDefinition>();
  private readonly extensions = new Map<string, { urn: string; attributes: Map<string, AttributeDefinition> }>();

  constructor(private readonly type: ResourceTypeName) {}

  /** One resource as it is returned to clients (toScimUser / toScimGroup). */
  add(resource: JsonObject) {
    for (const [key, value] of Object.entries(resource)) {
      if (key === "schemas") continue;
      if (isExtensionUrnKey(key)) {
        if (isPlainObject(value)) this.addExtension(key, value);
        continue;
      }
      if (!findResourceAttribute(this.type, key)) add(this.core, key, value);
    }
  }

  private addExtension(urn: string, value: JsonObject) {
    const standard = resourceTypes[this.type].extensions.find((e) => e.id.toLowerCase() === urn.toLowerCase());
    let entry = this.extensions.get(urn.toLowerCase());
    if (!entry) {
      entry = { urn, attributes: new Map() };
      this.extensions.set(urn.toLowerCase(), entry);
    }
    for (const [key, v] of Object.entries(value)) {
      if (!standard || !findResourceAttribute(this.type, key, standard.id)) add(entry.attributes, key, v);
    }
  }

  result(): CustomAttributes {
    return {
      core: [...this.core.values()],
      extensions: new Map([...this.extensions.values()].map((e) => [e.urn, [...e.attributes.values()]])),
    };
  }
}
