// Value-selection filters of PATCH paths (`emails[type eq "work"]`, RFC 7644 §3.5.2): which
// elements of a multi-valued attribute they select, and — for add/replace when none matches —
// the element they describe, so it can be created.
import { invalidPath, ScimError } from "../errors";
import type { Filter } from "../filter/ast";
import { evaluateElementFilter } from "../filter/evaluate-filter";
import { toBoolean } from "../resource/coerce";
import { isPlainObject, type JsonObject } from "../resource/json";
import { attr, findAttribute, type AttributeDefinition, type AttributeType } from "../schema";

/**
 * The definition the evaluator reads sub-attribute types and caseExact from. Unknown attributes are
 * kept (and may be targeted), and known ones may carry unknown sub-attributes: those are
 * synthesised with the type of the literal they are compared with.
 */
export function elementDefinition(name: string, def: AttributeDefinition | undefined, filter: Filter): AttributeDefinition {
  const base: AttributeDefinition = def ?? attr(name, "complex", { multiValued: true, subAttributes: [] });
  const subs = [...(base.subAttributes ?? [])];
  for (const [attribute, type] of comparedAttributes(filter)) {
    if (findAttribute(subs, attribute)) continue;
    subs.push({ ...base, name: attribute, type, multiValued: false, subAttributes: undefined });
  }
  return { ...base, type: "complex", subAttributes: subs };
}

/**
 * Entra writes app-role paths as `roles[primary eq "True"].value`: a boolean compared with a
 * string. Strings "true"/"false" compared with a boolean sub-attribute are read as booleans.
 */
export function coerceFilterBooleans(filter: Filter, def: AttributeDefinition): Filter {
  switch (filter.type) {
    case "and":
    case "or":
      return { ...filter, left: coerceFilterBooleans(filter.left, def), right: coerceFilterBooleans(filter.right, def) };
    case "not":
      return { ...filter, filter: coerceFilterBooleans(filter.filter, def) };
    case "compare": {
      const sub = findAttribute(def.subAttributes, filter.path.attribute);
      const b = sub?.type === "boolean" ? toBoolean(filter.value) : undefined;
      return b === undefined ? filter : { ...filter, value: b };
    }
    default:
      return filter;
  }
}

/** Indexes of the elements the filter selects; a filter the evaluator refuses is an invalid path. */
export function matchingIndexes(filter: Filter, elements: unknown[], def: AttributeDefinition): number[] {
  const out: number[] = [];
  try {
    // Checked once against an empty element too, so a bad filter fails whatever the resource holds.
    evaluateElementFilter(filter, {}, def);
    elements.forEach((element, i) => {
      if (isPlainObject(element) && evaluateElementFilter(filter, element, def)) out.push(i);
    });
  } catch (e) {
    if (e instanceof ScimError) throw invalidPath(`Invalid filter for ${def.name}: ${e.message}`);
    throw e;
  }
  return out;
}

/**
 * The element a filter describes, when it is only `eq` comparisons joined by `and`
 * (`emails[type eq "work"]` → {type: "work"}); null otherwise (`ne`, `or`, `co`… describe no one
 * element). Sub-attribute names take the schema's spelling.
 */
export function templateFromFilter(filter: Filter, def: AttributeDefinition): JsonObject | null {
  if (filter.type === "compare") {
    if (filter.op !== "eq" || filter.value === null || filter.path.schema || filter.path.subAttribute) return null;
    const name = findAttribute(def.subAttributes, filter.path.attribute)?.name ?? filter.path.attribute;
    return { [name]: filter.value };
  }
  if (filter.type !== "and") return null;
  const left = templateFromFilter(filter.left, def);
  const right = templateFromFilter(filter.right, def);
  if (!left || !right) return null;
  for (const [k, v] of Object.entries(right)) if (k in left && left[k] !== v) return null;
  return { ...left, ...right };
}

/** Sub-attribute names used in a filter, with the type of the literal compared against. */
function comparedAttributes(filter: Filter): Map<string, AttributeType> {
  const out = new Map<string, AttributeType>();
  const stack: Filter[] = [filter];
  while (stack.length) {
    const f = stack.pop()!;
    if (f.type === "and" || f.type === "or") stack.push(f.left, f.right);
    else if (f.type === "not") stack.push(f.filter);
    else if (f.type === "present" && !out.has(f.path.attribute)) out.set(f.path.attribute, "string");
    else if (f.type === "compare" && !out.has(f.path.attribute)) {
      out.set(f.path.attribute, typeof f.value === "boolean" ? "boolean" : typeof f.value === "number" ? "decimal" : "string");
    }
  }
  return out;
}
