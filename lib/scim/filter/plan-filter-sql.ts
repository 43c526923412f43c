// Plans a filter AST (RFC 7644 §3.4.2.2) or a sortBy (§3.4.2.3) as a dialect-neutral query plan
// (sql-plan.ts) over the storage the caller describes (storage-map.ts), so that list endpoints filter
// and sort in the database and never load resources to filter them. The emitters write the plan as SQL.
//
// Semantics mirror evaluate-filter.ts (see there). Every condition planned here is two-valued once
// emitted (never SQL NULL): comparisons on nullable values are guarded, so `NOT (…)` and `ne`
// (planned as NOT eq) are true when the attribute is absent, as in memory. What never touches the
// database is folded here: meta.resourceType and element constants become true or false.
//
// `schemas`, which is not stored, is derived the way lib/scim/resource/to-scim.ts rebuilds it.
import { SCHEMA_GROUP, SCHEMA_USER, resourceTypes, type AttributeDefinition, type ResourceTypeName } from "../schema";
import type { AttributePath, CompareOperator, Filter } from "./ast";
import type { ErrorFactory } from "./parse-filter";
import {
  compareOperand,
  comparisonDefinition,
  flatten,
  pathLabel,
  resolveElementPath,
  resolveResourcePath,
  toOperand,
  type Operand,
  type ResolvedPath,
} from "./resolve-path";
import type { ColumnRef, Condition, JsonTarget, Rows, SortPlan, Target } from "./sql-plan";
import type { ColumnStorage, ElementTableStorage, ResourceStorage } from "./storage-map";

export interface PlanOptions {
  resourceType: ResourceTypeName;
  storage: ResourceStorage;
  /** Alias of the resource table in the outer query, e.g. "r". */
  alias: string;
  /**
   * The directory the outer query is scoped to. When given, multi-valued attributes kept in tables of
   * their own are matched as `id IN (SELECT owner FROM table WHERE scope = … AND …)`, which the
   * database answers from that table's index on the value first; the correlated EXISTS used without
   * it is evaluated per resource, which SQLite does by probing every resource of the directory.
   */
  directoryId?: string;
  fail: ErrorFactory;
}

/** A target, or a value that is the same for every resource (folded to true/false here). */
type PlanTarget = Target | { kind: "constant"; value: string; type: Target["type"]; caseExact: boolean };

/** The rows of a multi-valued attribute, and where each sub-attribute is within them. */
interface ElementSource {
  rows(a: string): Rows;
  /** The target of one sub-attribute, or undefined when this source cannot serve it. */
  target(a: string, sub: AttributeDefinition): PlanTarget | undefined;
  table?: ElementTableStorage;
}

const TRUE: Condition = { kind: "constant", value: true };
const FALSE: Condition = { kind: "constant", value: false };
const constant = (value: boolean): Condition => (value ? TRUE : FALSE);

export class FilterPlanner {
  private subqueries = 0;
  /** Depth of OR / NOT around the condition being planned (0: it must hold for every match). */
  private optional = 0;
  /** Whether a table `IN (SELECT …)` must hold for every match, so it can drive the query. */
  selectiveSubquery = false;

  private readonly resourceType: ResourceTypeName;
  private readonly storage: ResourceStorage;
  private readonly alias: string;
  private readonly directoryId?: string;
  private readonly fail: ErrorFactory;

  constructor(options: PlanOptions) {
    ({ resourceType: this.resourceType, storage: this.storage, alias: this.alias, directoryId: this.directoryId, fail: this.fail } = options);
  }

  private own(column: string): ColumnRef {
    return { alias: this.alias, column };
  }

  private nextAlias() {
    return `scim_f${++this.subqueries}`;
  }

  // ----- filters -------------------------------------------------------------------------------

  filter(filter: Filter, scope?: ElementScope): Condition {
    switch (filter.type) {
      case "and":
        return { kind: "and", terms: flatten(filter).map((f) => this.filter(f, scope)) };
      case "or":
        return this.nested(() => ({ kind: "or", terms: flatten(filter).map((f) => this.filter(f, scope)) }));
      case "not":
        return this.nested(() => ({ kind: "not", term: this.filter(filter.filter, scope) }));
      case "present":
        return scope ? this.leafPresent(scope.target(filter.path)) : this.present(filter.path);
      case "compare":
        return this.compare(filter, scope);
      case "valuePath":
        if (scope) throw this.fail("Value filters (\"[...]\") cannot be nested");
        return this.valuePath(filter);
    }
  }

  private compare(filter: Extract<Filter, { type: "compare" }>, scope?: ElementScope): Condition {
    if (filter.value === null) {
      // RFC 7644 §3.4.2.2 leaves null unspecified; Roster reads `eq null` as "not present".
      const present: Filter = { type: "present", path: filter.path };
      if (filter.op === "eq") return this.filter({ type: "not", filter: present }, scope);
      if (filter.op === "ne") return this.filter(present, scope);
      throw this.fail(`"${pathLabel(filter.path)} ${filter.op} null": null only works with eq and ne`);
    }
    if (filter.op === "ne") return this.nested(() => ({ kind: "not", term: this.compare({ ...filter, op: "eq" }, scope) }));
    const op = filter.op;
    const value = filter.value;
    if (scope) {
      const sub = scope.definition(filter.path);
      return this.leafCompare(scope.target(filter.path), op, toOperand(op, sub, value, scope.label(filter.path), this.fail));
    }
    const resolved = this.resolve(filter.path);
    const definition = comparisonDefinition(resolved, this.fail);
    const operand = toOperand(op, definition, value, resolved.label, this.fail);
    if (resolved.attribute.multiValued) {
      return this.exists(resolved, [definition], (s, a) => this.leafCompare(this.need(s.target(a, definition), resolved), op, operand));
    }
    return this.leafCompare(this.singleTarget(resolved, definition), op, operand);
  }

  private present(path: AttributePath): Condition {
    const resolved = this.resolve(path);
    const { attribute, subAttribute } = resolved;
    if (attribute.multiValued) {
      if (attribute.type === "complex" && !subAttribute) return this.exists(resolved, [], () => TRUE);
      const definition = subAttribute ?? attribute;
      return this.exists(resolved, [definition], (s, a) => this.leafPresent(this.need(s.target(a, definition), resolved)));
    }
    // meta is computed, never stored in the JSON; every resource has one.
    if (attribute.name === "meta" && !subAttribute) return TRUE;
    return this.leafPresent(this.singleTarget(resolved, subAttribute ?? attribute));
  }

  private valuePath(filter: Extract<Filter, { type: "valuePath" }>): Condition {
    const resolved = this.resolve(filter.path);
    const { attribute } = resolved;
    if (resolved.subAttribute || attribute.type !== "complex") {
      throw this.fail(`"${resolved.label}[...]": a value filter needs a complex attribute`);
    }
    const subs = referencedSubAttributes(filter.filter, attribute, this.fail);
    if (attribute.multiValued) {
      return this.exists(resolved, subs, (source, a) => this.filter(filter.filter, new ElementScope(attribute, (d) => this.need(source.target(a, d), resolved))));
    }
    // A single-valued complex attribute (name, manager): the "element" is the object itself.
    const object = this.singleTarget(resolved, attribute);
    if (object.kind !== "json") throw this.fail(`"${resolved.label}[...]" is not supported in filters`);
    const scope = new ElementScope(attribute, (d) => ({ ...object, keys: [...object.keys, d.name], type: d.type, caseExact: d.caseExact }));
    return { kind: "object", target: object, where: this.filter(filter.filter, scope) };
  }

  private nested(plan: () => Condition): Condition {
    this.optional++;
    try {
      return plan();
    } finally {
      this.optional--;
    }
  }

  private resolve(path: AttributePath): ResolvedPath {
    return resolveResourcePath(path, this.resourceType, this.fail);
  }

  private need(target: PlanTarget | undefined, resolved: ResolvedPath): PlanTarget {
    if (!target) throw this.fail(`Filtering on "${resolved.label}" is not supported`);
    return target;
  }

  /** Some element of a multi-valued attribute matches, from the first source serving `subs`. */
  private exists(resolved: ResolvedPath, subs: AttributeDefinition[], where: (s: ElementSource, a: string) => Condition): Condition {
    const source = this.elementSource(resolved, subs);
    const a = this.nextAlias();
    const { table } = source;
    if (table && this.directoryId !== undefined) {
      if (this.optional === 0) this.selectiveSubquery = true;
      const { scopeColumn, idColumn } = this.storage;
      return { kind: "inTable", parentId: this.own(idColumn), alias: a, table: table.table, owner: table.owner, scopeColumn, scope: this.directoryId, where: where(source, a) };
    }
    return { kind: "exists", rows: source.rows(a), where: where(source, a) };
  }

  // ----- leaves --------------------------------------------------------------------------------

  private leafPresent(target: PlanTarget): Condition {
    if (target.kind === "constant") return constant(target.value !== "");
    return { kind: "present", target };
  }

  private leafCompare(target: PlanTarget, op: Exclude<CompareOperator, "ne">, operand: Operand): Condition {
    if (target.kind === "constant") return constant(compareOperand(op, target.value, operand, target.caseExact));
    if (operand.kind === "dateTime" && target.kind === "json") throw this.fail("Comparing dateTimes stored in JSON is not supported");
    return { kind: "compare", target, op, operand };
  }

  // ----- mapping attributes to storage ---------------------------------------------------------

  /** A single-valued attribute (or sub-attribute `definition` of a single-valued complex one). */
  private singleTarget(resolved: ResolvedPath, definition: AttributeDefinition): PlanTarget {
    const { attribute } = resolved;
    const shape = { type: definition.type, caseExact: definition.caseExact };
    const json = (column: string, keys: string[]): JsonTarget => ({ kind: "json", base: { kind: "column", ref: this.own(column) }, keys, ...shape });
    if (resolved.profileField !== undefined) {
      const { profileFields } = this.storage;
      if (!profileFields) throw this.fail(`Filtering on "${resolved.label}" is not supported`);
      return json(profileFields.column, [resolved.profileField]);
    }
    const sub = definition === attribute ? [] : [definition.name];
    if (resolved.extensionUrn) return json(this.storage.resource, [resolved.extensionUrn, attribute.name, ...sub]);
    const name = [attribute.name, ...sub].join(".");
    if (name === "meta.resourceType") return { kind: "constant", value: this.resourceType, ...shape };
    const column = Object.hasOwn(this.storage.columns, name) ? this.storage.columns[name] : undefined;
    if (column) return this.columnTarget(this.alias, column, definition);
    if (attribute.name === "meta") throw this.fail(`Filtering on "${resolved.label}" is not supported`);
    return json(this.storage.resource, [attribute.name, ...sub]);
  }

  private columnTarget(alias: string, storage: ColumnStorage, definition: AttributeDefinition): Target {
    return {
      kind: "column",
      ref: { alias, column: storage.column },
      nullable: storage.nullable ?? false,
      lowerCased: storage.lowerCased,
      type: definition.type,
      caseExact: definition.caseExact,
    };
  }

  /** Picks the first storage of a multi-valued attribute that can serve every sub-attribute used. */
  private elementSource(resolved: ResolvedPath, subs: AttributeDefinition[]): ElementSource {
    const candidates = this.elementSources(resolved);
    const source = candidates.find((s) => subs.every((d) => s.target("x", d) !== undefined));
    if (!source) {
      const unsupported = subs.find((d) => !candidates.some((s) => s.target("x", d)));
      throw this.fail(`Filtering on "${resolved.attribute.name}.${unsupported?.name ?? "value"}" is not supported`);
    }
    return source;
  }

  private elementSources(resolved: ResolvedPath): ElementSource[] {
    const name = resolved.extensionUrn ? "" : resolved.attribute.name;
    if (name === "schemas" && !resolved.profileField) return [this.schemasSource()];
    const table = Object.hasOwn(this.storage.elementTables, name) ? this.storage.elementTables[name] : undefined;
    if (!table) return [this.jsonArray(resolved)];
    return table.alsoInResource ? [this.elementTable(table), this.jsonArray(resolved)] : [this.elementTable(table)];
  }

  /**
   * `schemas` is not stored: lib/scim/resource/to-scim.ts rebuilds it as the core URN, every
   * extension URN key of the resource (urn:…:2.0:User|Group) and, for a resource with profile
   * fields, the URN they arrived under. This derives the same set.
   */
  private schemasSource(): ElementSource {
    const { profileFields } = this.storage;
    return {
      rows: (alias) => ({
        kind: "schemas",
        alias,
        core: resourceTypes[this.resourceType].schema.id,
        extensionKeyPatterns: ["urn:%:2.0:user", "urn:%:2.0:group"],
        excludedKeys: [SCHEMA_USER.toLowerCase(), SCHEMA_GROUP.toLowerCase()],
        resource: this.own(this.storage.resource),
        profileFields: profileFields && { values: this.own(profileFields.column), schema: this.own(profileFields.schemaColumn) },
      }),
      target: (alias, d) => this.columnTarget(alias, { column: "s" }, d),
    };
  }

  private elementTable(table: ElementTableStorage): ElementSource {
    const { idColumn, scopeColumn } = this.storage;
    return {
      rows: (alias) => ({
        kind: "table",
        alias,
        table: table.table,
        owner: table.owner,
        scopeColumn,
        parentId: this.own(idColumn),
        parentScope: this.own(scopeColumn),
        order: table.order,
      }),
      table,
      target: (alias, d) => {
        const sub = Object.hasOwn(table.subAttributes, d.name) ? table.subAttributes[d.name] : undefined;
        if (!sub) return undefined;
        if ("constant" in sub) return { kind: "constant", value: sub.constant, type: d.type, caseExact: d.caseExact };
        return this.columnTarget(alias, sub, d);
      },
    };
  }

  /**
   * A JSON array in the resource. Elements of a complex attribute must be objects; elements of a
   * simple one must be strings or numbers. Anything else is ignored, as in memory.
   */
  private jsonArray(resolved: ResolvedPath): ElementSource {
    const array = this.singleTarget({ ...resolved, subAttribute: undefined }, resolved.attribute) as JsonTarget;
    const objects = resolved.attribute.type === "complex";
    return {
      rows: (alias) => ({ kind: "jsonArray", alias, array, objects }),
      target: (alias, d) =>
        objects
          ? { kind: "json", base: { kind: "element", alias }, keys: [d.name], type: d.type, caseExact: d.caseExact }
          : { kind: "atom", alias, type: d.type, caseExact: d.caseExact },
    };
  }

  // ----- sorting -------------------------------------------------------------------------------

  sort(resolved: ResolvedPath): SortPlan {
    const definition = comparisonDefinition(resolved, this.fail);
    if (!resolved.attribute.multiValued) return { kind: "value", target: this.singleTarget(resolved, definition) };
    const source = this.elementSource(resolved, [definition]);
    const rows = source.rows(this.nextAlias());
    return { kind: "first", rows, target: this.need(source.target(rows.alias, definition), resolved) };
  }
}

/** Resolution and storage of sub-attribute paths inside `attr[...]`. */
class ElementScope {
  constructor(
    private readonly parent: AttributeDefinition,
    private readonly targetOf: (definition: AttributeDefinition) => PlanTarget,
  ) {}

  definition(path: AttributePath): AttributeDefinition {
    return resolveElementPath(path, this.parent);
  }

  label(path: AttributePath): string {
    return `${this.parent.name}.${path.attribute}`;
  }

  target(path: AttributePath): PlanTarget {
    return this.targetOf(this.definition(path));
  }
}

/** Sub-attributes named inside a value filter, to choose a storage that has them all. */
function referencedSubAttributes(filter: Filter, parent: AttributeDefinition, fail: ErrorFactory): AttributeDefinition[] {
  const found: AttributeDefinition[] = [];
  const stack: Filter[] = [filter];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "and" || node.type === "or") stack.push(node.left, node.right);
    else if (node.type === "not") stack.push(node.filter);
    else if (node.type === "valuePath") throw fail("Value filters (\"[...]\") cannot be nested");
    else found.push(resolveElementPath(node.path, parent, fail));
  }
  return found;
}
