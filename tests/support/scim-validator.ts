// A strict SCIM client's view of Roster's responses, driven by the schemas Roster itself serves at
// /Schemas and /ResourceTypes: every resource is checked against the schema its `schemas` names
// (RFC 7643 §2–§3, §7), lists and errors against RFC 7644's message formats (§3.4.2, §3.12).
// It knows nothing about Roster's attributes: what it accepts is what /Schemas says.

export interface ServedAttribute {
  name: string;
  type: string;
  multiValued: boolean;
  required: boolean;
  mutability?: string;
  returned?: string;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: ServedAttribute[];
}

export interface ServedSchema {
  id: string;
  attributes: ServedAttribute[];
}

export interface ServedResourceType {
  name: string;
  schema: string;
  schemaExtensions?: { schema: string; required: boolean }[];
}

/** What a client learns from discovery: the /Schemas and /ResourceTypes ListResponses. */
export interface ServedDiscovery {
  schemas: ServedSchema[];
  resourceTypes: ServedResourceType[];
}

export interface ResponseContext {
  status: number;
  /** The request asked for attributes/excludedAttributes: `required` cannot be expected then. */
  projected?: boolean;
  etag?: string | null;
}

const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
// RFC 7644 §3.12, Table 9.
const SCIM_TYPES = ["invalidFilter", "tooMany", "uniqueness", "mutability", "invalidSyntax", "invalidPath", "noTarget", "invalidValue", "invalidVers", "sensitive"];

// RFC 7643 §3.1: common attributes, part of every resource but of no schema's definition.
const ro = (name: string, type: string, extra: Partial<ServedAttribute> = {}): ServedAttribute => ({ name, type, multiValued: false, required: false, mutability: "readOnly", ...extra });
const COMMON: ServedAttribute[] = [
  ro("id", "string", { returned: "always" }),
  { name: "externalId", type: "string", multiValued: false, required: false },
  ro("meta", "complex", {
    subAttributes: [ro("resourceType", "string"), ro("created", "dateTime"), ro("lastModified", "dateTime"), ro("location", "reference", { referenceTypes: ["uri"] }), ro("version", "string")],
  }),
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const find = (defs: ServedAttribute[], name: string) => defs.find((d) => d.name.toLowerCase() === name.toLowerCase());
// xsd:dateTime (RFC 7643 §2.3.5), with a zone.
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export class ScimValidator {
  private readonly schemas = new Map<string, ServedSchema>();
  private readonly resourceTypes = new Map<string, ServedResourceType>();

  constructor(discovery: ServedDiscovery) {
    for (const s of discovery.schemas) this.schemas.set(s.id.toLowerCase(), s);
    for (const rt of discovery.resourceTypes) this.resourceTypes.set(rt.schema.toLowerCase(), rt);
  }

  /** Every violation found in one response body; [] when a strict client accepts it. */
  validateResponse(body: unknown, ctx: ResponseContext): string[] {
    const out: string[] = [];
    if (!isObject(body)) return [`the body is not a JSON object`];
    const schemas = body.schemas;
    if (!Array.isArray(schemas) || !schemas.length || schemas.some((s) => typeof s !== "string")) return [`"schemas" must be a non-empty array of URIs`];
    const first = (schemas[0] as string).toLowerCase();
    if (first === ERROR.toLowerCase()) this.error(body, ctx, out);
    else if (first === LIST_RESPONSE.toLowerCase()) this.list(body, ctx, out);
    else {
      if (ctx.status >= 400) out.push(`a ${ctx.status} response must be an ${ERROR}`);
      this.resource(body, ctx, "", out);
      const version = isObject(body.meta) ? body.meta.version : undefined;
      // RFC 7644 §3.14: the ETag header and meta.version carry the same version.
      if (ctx.etag && version !== undefined && version !== ctx.etag) out.push(`ETag ${ctx.etag} differs from meta.version ${String(version)}`);
    }
    return out;
  }

  private error(body: Record<string, unknown>, ctx: ResponseContext, out: string[]) {
    if (ctx.status < 400) out.push(`an Error with HTTP status ${ctx.status}`);
    for (const key of Object.keys(body)) if (!["schemas", "status", "scimType", "detail"].includes(key)) out.push(`Error: unknown attribute "${key}"`);
    if (body.status !== String(ctx.status)) out.push(`Error: status ${JSON.stringify(body.status)} is not the HTTP status "${ctx.status}" as a string`);
    if (body.scimType !== undefined && !SCIM_TYPES.includes(body.scimType as string)) out.push(`Error: scimType ${JSON.stringify(body.scimType)} is not one of RFC 7644 Table 9`);
    // RFC 7644 §3.12: scimType details a 400; §3.3: a 409 conflict carries "uniqueness".
    if (body.scimType !== undefined && ctx.status !== 400 && !(ctx.status === 409 && body.scimType === "uniqueness")) {
      out.push(`Error: scimType ${JSON.stringify(body.scimType)} on a ${ctx.status}`);
    }
    if (body.detail !== undefined && typeof body.detail !== "string") out.push(`Error: detail must be a string`);
  }

  private list(body: Record<string, unknown>, ctx: ResponseContext, out: string[]) {
    for (const key of Object.keys(body)) {
      if (!["schemas", "totalResults", "itemsPerPage", "startIndex", "Resources"].includes(key)) out.push(`ListResponse: unknown attribute "${key}"`);
    }
    for (const key of ["totalResults", "itemsPerPage", "startIndex"]) {
      if (body[key] !== undefined && !Number.isInteger(body[key])) out.push(`ListResponse: ${key} must be an integer`);
    }
    if (body.totalResults === undefined) out.push(`ListResponse: totalResults is required`);
    const resources = body.Resources ?? [];
    if (!Array.isArray(resources)) return out.push(`ListResponse: Resources must be an array`);
    if (body.itemsPerPage !== undefined && body.itemsPerPage !== resources.length) out.push(`ListResponse: itemsPerPage ${body.itemsPerPage} but ${resources.length} Resources`);
    resources.forEach((r, i) => {
      if (!isObject(r)) return out.push(`Resources[${i}] is not an object`);
      const schemas = r.schemas;
      if (!Array.isArray(schemas) || !schemas.length) return out.push(`Resources[${i}]: "schemas" must be a non-empty array`);
      this.resource(r, ctx, `Resources[${i}].`, out);
    });
  }

  private resource(body: Record<string, unknown>, ctx: ResponseContext, at: string, out: string[]) {
    const listed = (body.schemas as unknown[]).map(String);
    const unknown = listed.filter((s) => !this.schemas.has(s.toLowerCase()));
    for (const s of unknown) out.push(`${at}schemas lists ${s}, which /Schemas does not describe`);
    const rt = listed.map((s) => this.resourceTypes.get(s.toLowerCase())).find(Boolean);
    const core = rt ? this.schemas.get(rt.schema.toLowerCase()) : this.schemas.get(listed[0].toLowerCase());
    if (!core) return;
    if (rt) {
      const allowed = new Set([rt.schema, ...(rt.schemaExtensions ?? []).map((e) => e.schema)].map((s) => s.toLowerCase()));
      for (const s of listed) if (!allowed.has(s.toLowerCase())) out.push(`${at}schemas lists ${s}, not an extension of /ResourceTypes/${rt.name}`);
      for (const e of rt.schemaExtensions ?? []) {
        if (e.required && !listed.some((s) => s.toLowerCase() === e.schema.toLowerCase())) out.push(`${at}the required extension ${e.schema} is missing`);
      }
      if (isObject(body.meta) && body.meta.resourceType !== undefined && body.meta.resourceType !== rt.name) {
        out.push(`${at}meta.resourceType ${JSON.stringify(body.meta.resourceType)} is not ${rt.name}`);
      }
    }
    const defs = [...core.attributes, ...COMMON.filter((c) => !find(core.attributes, c.name))];
    const extensionKeys: string[] = [];
    for (const [key, value] of Object.entries(body)) {
      if (key === "schemas") continue;
      if (/^urn:/i.test(key) || this.schemas.has(key.toLowerCase())) {
        extensionKeys.push(key);
        // RFC 7643 §3: `schemas` names every schema whose attributes the resource carries.
        if (!listed.some((s) => s.toLowerCase() === key.toLowerCase())) out.push(`${at}"${key}" is not listed in schemas`);
        const ext = this.schemas.get(key.toLowerCase());
        if (!ext) continue;
        if (!isObject(value)) out.push(`${at}"${key}" must be an object`);
        else this.attributes(value, ext.attributes, ctx, `${at}${key}:`, out);
        continue;
      }
      const def = find(defs, key);
      if (!def) out.push(`${at}"${key}" is not an attribute of ${core.id}`);
      else this.value(value, def, ctx, `${at}${key}`, out);
    }
    // A resource type's resources all carry the common attributes (id is returned always).
    this.required(body, rt ? defs : core.attributes, ctx, at, out);
    for (const urn of listed) {
      if (urn.toLowerCase() === core.id.toLowerCase() || !this.schemas.has(urn.toLowerCase())) continue;
      const key = extensionKeys.find((k) => k.toLowerCase() === urn.toLowerCase());
      if (key && isObject(body[key])) this.required(body[key] as Record<string, unknown>, this.schemas.get(urn.toLowerCase())!.attributes, ctx, `${at}${key}:`, out);
    }
  }

  private attributes(obj: Record<string, unknown>, defs: ServedAttribute[], ctx: ResponseContext, at: string, out: string[]) {
    for (const [key, value] of Object.entries(obj)) {
      const def = find(defs, key);
      if (!def) out.push(`${at}"${key}" is not a defined attribute`);
      else this.value(value, def, ctx, `${at}${key}`, out);
    }
  }

  private required(obj: Record<string, unknown>, defs: ServedAttribute[], ctx: ResponseContext, at: string, out: string[]) {
    for (const def of defs) {
      const present = Object.keys(obj).some((k) => k.toLowerCase() === def.name.toLowerCase());
      // RFC 7644 §3.9: with attributes/excludedAttributes only "always" attributes are certain.
      if (def.required && !present && !ctx.projected) out.push(`${at}the required attribute "${def.name}" is missing`);
      if (def.returned === "always" && !present) out.push(`${at}"${def.name}" is returned always but is missing`);
    }
  }

  private value(value: unknown, def: ServedAttribute, ctx: ResponseContext, at: string, out: string[]) {
    // RFC 7643 §7: returned "never" (and writeOnly, which implies it) is never in a response.
    if (def.returned === "never" || def.mutability === "writeOnly") out.push(`${at} is returned "never" but is in the response`);
    if (def.multiValued) {
      if (!Array.isArray(value)) return out.push(`${at} is multi-valued but is not an array`);
      value.forEach((v, i) => this.single(v, def, ctx, `${at}[${i}]`, out));
      const primaries = value.filter((v) => isObject(v) && v.primary === true).length;
      // RFC 7643 §2.4: the primary attribute value "true" MUST appear no more than once.
      if (primaries > 1) out.push(`${at} has ${primaries} values with primary true`);
    } else {
      if (Array.isArray(value)) return out.push(`${at} is single-valued but is an array`);
      this.single(value, def, ctx, at, out);
    }
  }

  private single(value: unknown, def: ServedAttribute, ctx: ResponseContext, at: string, out: string[]) {
    if (value === null) return out.push(`${at} is null (an unassigned attribute is omitted, RFC 7643 §2.5)`);
    switch (def.type) {
      case "string":
      case "binary":
        if (typeof value !== "string") return out.push(`${at} must be a ${def.type} (JSON string), got ${JSON.stringify(value)}`);
        break;
      case "reference":
        if (typeof value !== "string") return out.push(`${at} must be a reference (JSON string)`);
        if ((def.referenceTypes ?? []).some((t) => t !== "external" && t !== "uri") && !URL.canParse(value)) out.push(`${at} is not a URI: ${value}`);
        break;
      case "dateTime":
        if (typeof value !== "string" || !DATE_TIME.test(value)) return out.push(`${at} must be an xsd:dateTime, got ${JSON.stringify(value)}`);
        break;
      case "boolean":
        if (typeof value !== "boolean") return out.push(`${at} must be a boolean, got ${JSON.stringify(value)}`);
        break;
      case "integer":
        if (!Number.isInteger(value)) return out.push(`${at} must be an integer, got ${JSON.stringify(value)}`);
        break;
      case "decimal":
        if (typeof value !== "number") return out.push(`${at} must be a decimal, got ${JSON.stringify(value)}`);
        break;
      case "complex":
        if (!isObject(value)) return out.push(`${at} must be a complex value (JSON object)`);
        // A complex attribute that declares no sub-attributes leaves them undescribed.
        if (!def.subAttributes) return;
        this.attributes(value, def.subAttributes, ctx, `${at}.`, out);
        this.required(value, def.subAttributes ?? [], ctx, `${at}.`, out);
        return;
      default:
        return out.push(`${at} has the unknown type ${def.type} in /Schemas`);
    }
    if (def.canonicalValues?.length && typeof value === "string" && !def.canonicalValues.includes(value)) {
      out.push(`${at} ${JSON.stringify(value)} is not one of its canonical values ${def.canonicalValues.join(", ")}`);
    }
  }
}
