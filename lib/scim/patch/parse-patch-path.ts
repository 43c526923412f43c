// PATCH `path` (RFC 7644 §3.5.2, ABNF PATH = attrPath / valuePath [subAttr]):
//   title · name.givenName · urn:…:enterprise:2.0:User:manager · urn:…:User:manager.value
//   emails[type eq "work"] · emails[type eq "work"].value · urn:…:extension:X:2.0:User (the whole extension)
// Anything else is 400 invalidPath.
import type { Filter } from "../filter/ast";
import { parseAttributePath, parseFilter } from "../filter/parse-filter";
import { invalidPath, ScimError } from "../errors";
import { isCoreUrn, isExtensionUrnKey } from "../resource/extensions";
import { SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP, SCHEMA_USER } from "../schema";

export const MAX_PATH_LENGTH = 4096;

export interface PatchPath {
  /** Schema URN the path was qualified with (canonical spelling for known schemas). */
  schema?: string;
  /** Attribute name as written; for a whole-extension path, the extension URN itself. */
  attribute: string;
  /** The value-selection filter of `attr[filter]`; its paths are sub-attribute names. */
  filter?: Filter;
  subAttribute?: string;
}

const SUB_ATTRIBUTE = /^\.([A-Za-z][A-Za-z0-9_-]*|\$ref)$/i;
/**
 * Before December 2018 Entra wrote extension attributes with "." instead of ":" after the URN
 * (`urn:…:enterprise:2.0:User.employeeNumber`); that customappsso behaviour is documented as
 * unsupported now, but reading it costs one line.
 */
const DOTTED_EXTENSION = /^(urn:[^\s[\]]+:2\.0:(?:User|Group))\.([^\s:]+)$/i;
const KNOWN_URNS = [SCHEMA_USER, SCHEMA_GROUP, SCHEMA_ENTERPRISE_USER];

export function parsePatchPath(raw: unknown): PatchPath {
  if (typeof raw !== "string") throw invalidPath("path must be a string");
  const path = raw.trim();
  if (!path) throw invalidPath("path is empty");
  if (path.length > MAX_PATH_LENGTH) throw invalidPath(`path is longer than ${MAX_PATH_LENGTH} characters`);
  try {
    return path.includes("[") ? parseValuePath(path) : parseAttrPath(path);
  } catch (e) {
    if (e instanceof ScimError && e.scimType !== "invalidPath") throw invalidPath(`Invalid path ${quote(path)}: ${e.message}`);
    throw e;
  }
}

function parseAttrPath(path: string): PatchPath {
  // The whole extension object, e.g. {"op":"add","path":"urn:…:enterprise:2.0:User","value":{…}}.
  if (isExtensionUrnKey(path) || isCoreUrn(path)) return { attribute: canonicalUrn(path) };
  const dotted = DOTTED_EXTENSION.exec(path);
  const parsed = parseAttributePath(dotted ? `${dotted[1]}:${dotted[2]}` : path, (detail) => invalidPath(`Invalid path ${quote(path)}: ${detail}`));
  return withoutUndefined({ schema: parsed.schema, attribute: parsed.attribute, subAttribute: parsed.subAttribute });
}

/** `attr[filter]` or `attr[filter].sub`: the filter grammar parses `attr[filter]` as a valuePath. */
function parseValuePath(path: string): PatchPath {
  const close = path.lastIndexOf("]");
  if (close < path.indexOf("[")) throw invalidPath(`Invalid path ${quote(path)}: missing "]"`);
  const tail = path.slice(close + 1);
  let subAttribute: string | undefined;
  if (tail) {
    const m = SUB_ATTRIBUTE.exec(tail);
    if (!m) throw invalidPath(`Invalid path ${quote(path)}: after "]" only ".<sub-attribute>" may follow`);
    subAttribute = m[1];
  }
  const filter = parseFilter(path.slice(0, close + 1));
  if (filter.type !== "valuePath") throw invalidPath(`Invalid path ${quote(path)}: expected attribute[filter]`);
  if (filter.path.subAttribute) throw invalidPath(`Invalid path ${quote(path)}: "[" must follow an attribute, not a sub-attribute`);
  return withoutUndefined({ schema: filter.path.schema, attribute: filter.path.attribute, filter: filter.filter, subAttribute });
}

function canonicalUrn(urn: string): string {
  return KNOWN_URNS.find((k) => k.toLowerCase() === urn.toLowerCase()) ?? urn;
}

function quote(path: string): string {
  return JSON.stringify(path.length > 80 ? path.slice(0, 80) + "…" : path);
}

function withoutUndefined(path: PatchPath): PatchPath {
  const out: PatchPath = { attribute: path.attribute };
  if (path.schema) out.schema = path.schema;
  if (path.filter) out.filter = path.filter;
  if (path.subAttribute) out.subAttribute = path.subAttribute;
  return out;
}

/** The path as text again, for error messages. */
export function formatPatchPath(path: PatchPath): string {
  const base = path.schema ? `${path.schema}:${path.attribute}` : path.attribute;
  return `${base}${path.filter ? "[…]" : ""}${path.subAttribute ? "." + path.subAttribute : ""}`;
}
