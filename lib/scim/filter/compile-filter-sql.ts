// Compiles a filter AST (RFC 7644 §3.4.2.2) into a SQL boolean expression over Roster's tables,
// so that list endpoints filter in the database and never load resources to filter them.
//
// Safety: user-supplied values only ever travel as bound parameters. SQL text contains only
// identifiers and JSON keys taken from the schema definitions after resolution (plus profile-field
// names, which the resolver restricts to [A-Za-z0-9_-]), and those are re-checked before use.
//
// Semantics mirror evaluate-filter.ts (see there). Every expression produced here is two-valued
// (never SQL NULL): comparisons on nullable values are guarded with `x IS NOT NULL AND …`, so
// `NOT (…)` and `ne` (compiled as NOT eq) are true when the attribute is absent, as in memory.
//
// Storage (prisma/schema.prisma): columns for id, userName/userNameKey, Group displayName/
// displayNameKey, externalId, active, createdAt/updatedAt; ScimUserEmail for emails,
// ScimGroupMember for Group members and User groups; everything else from the "resource" JSON
// (extension attributes under their URN key) and profile fields from "profileFields"; `schemas`,
// which is not stored, is derived the way lib/scim/resource/to-scim.ts rebuilds it.
import { invalidFilter, invalidValue } from "../errors";
import { SCHEMA_GROUP, SCHEMA_USER, resourceTypes, type AttributeDefinition, type AttributeType, type ResourceTypeName } from "../schema";
import type { AttributePath, CompareOperator, Filter } from "./ast";
import { parseAttributePath, type ErrorFactory } from "./parse-filter";
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

export type SqlDialect = "sqlite" | "postgresql";

export interface CompileFilterOptions {
  resourceType: ResourceTypeName;
  dialect: SqlDialect;
  /** Alias of the ScimUser / ScimGroup table in the outer query, e.g. "u". */
  alias: string;
  /**
   * Bound values are pushed here. Placeholders are `?` (sqlite) or `$N` with N = params.length
   * after the push (postgresql), so the array may already hold the caller's own parameters.
   * Types pushed: string, number, Date (dateTime columns; the Prisma adapters serialise them),
   * boolean (postgresql boolean columns; sqlite gets 1/0 because better-sqlite3 cannot bind booleans).
   */
  params: unknown[];
  /**
   * The directory the outer query is scoped to. When given, multi-valued attributes kept in tables of
   * their own (emails, members, groups) are matched as `id IN (SELECT owner FROM table WHERE
   * directoryId = … AND …)`, which the database answers from that table's index on the value first
   * (ScimUserEmail (directoryId, valueKey); ScimGroupMember (groupId, userId) or (userId, directoryId));
   * the correlated EXISTS used without it is evaluated per resource, which SQLite does by probing
   * every resource of the directory.
   */
  directoryId?: string;
  /**
   * Filled in, like `params`, when given: `selectiveSubquery` is set when such a table subquery must
   * hold for every match (e.g. `emails.value eq "…"`), so the caller can let it lead the query.
   */
  plan?: { selectiveSubquery: boolean };
}

export type SortOrder = "ascending" | "descending";

// ---------------------------------------------------------------------------------------------
// Where a value lives
// ---------------------------------------------------------------------------------------------

/** A scalar value the SQL can compare. */
type Target =
  | {
      kind: "column";
      expr: string;
      type: AttributeType;
      caseExact: boolean;
      nullable: boolean;
      /** The column already holds the JS-lower-cased value (userNameKey, valueKey, uuid ids). */
      lowerCased?: boolean;
    }
  | { kind: "json"; base: string; keys: string[]; type: AttributeType; caseExact: boolean }
  | { kind: "constant"; value: string; type: AttributeType; caseExact: boolean };

/** The rows of a multi-valued attribute, one per element, correlated to the outer resource. */
interface ElementSource {
  rows(a: string): { from: string; where: string };
  /** The target of one sub-attribute, or undefined when this source cannot serve it. */
  target(a: string, sub: AttributeDefinition): Target | undefined;
  /** "Primary, else first" order (RFC 7644 §3.4.2.3), used when sorting by a multi-valued attribute. */
  order(a: string): string;
  /** For a table of its own: the table and its column holding the owning resource's id. */
  table?: { name: string; owner: string };
}

const TRUE = "(1 = 1)";
const FALSE = "(1 = 0)";
const SAFE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Attribute names, extension URNs and profile-field names: nothing that could close a quote. */
const SAFE_JSON_KEY = /^[A-Za-z0-9_$:.\-]+$/;

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const escapeLike = (s: string) => s.replace(/[\\%_]/g, "\\$&");

class SqlCompiler {
  private subqueries = 0;
  /** Depth of OR / NOT around the expression being compiled (0: it must hold for every match). */
  private optional = 0;
  /** Whether a table `IN (SELECT …)` must hold for every match, so it can drive the query. */
  selectiveSubquery = false;

  constructor(
    private readonly resourceType: ResourceTypeName,
    private readonly dialect: SqlDialect,
    private readonly alias: string,
    private readonly params: unknown[],
    private readonly fail: ErrorFactory,
    private readonly directoryId?: string,
  ) {
    // A programming error, not a client error: the alias is spliced into the SQL text.
    if (!SAFE_IDENTIFIER.test(alias)) throw new Error(`compileFilterSql: unsafe table alias ${JSON.stringify(alias)}`);
  }

  private get pg() {
    return this.dialect === "postgresql";
  }

  private bind(value: unknown): string {
    this.params.push(value);
    return this.pg ? `$${this.params.length}` : "?";
  }

  private column(name: string, owner = this.alias) {
    return `${owner}."${name}"`;
  }

  private nextAlias() {
    return `scim_f${++this.subqueries}`;
  }

  // ----- filters -------------------------------------------------------------------------------

  compile(filter: Filter, scope?: ElementScope): string {
    switch (filter.type) {
      case "and":
        return `(${flatten(filter)
          .map((f) => this.compile(f, scope))
          .join(" AND ")})`;
      case "or":
      case "not":
        return this.nested(() =>
          filter.type === "or"
            ? `(${flatten(filter)
                .map((f) => this.compile(f, scope))
                .join(" OR ")})`
            : `(NOT ${this.compile(filter.filter, scope)})`,
        );
      case "present":
        return scope ? this.leafPresent(scope.target(filter.path)) : this.compilePresent(filter.path);
      case "compare":
        return this.compileCompare(filter, scope);
      case "valuePath":
        if (scope) throw this.fail("Value filters (\"[...]\") cannot be nested");
        return this.compileValuePath(filter);
    }
  }

  private compileCompare(filter: Extract<Filter, { type: "compare" }>, scope?: ElementScope): string {
    if (filter.value === null) {
      // RFC 7644 §3.4.2.2 leaves null unspecified; Roster reads `eq null` as "not present".
      const present: Filter = { type: "present", path: filter.path };
      if (filter.op === "eq") return this.compile({ type: "not", filter: present }, scope);
      if (filter.op === "ne") return this.compile(present, scope);
      throw this.fail(`"${pathLabel(filter.path)} ${filter.op} null": null only works with eq and ne`);
    }
    if (filter.op === "ne") return this.nested(() => `(NOT ${this.compileCompare({ ...filter, op: "eq" }, scope)})`);
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

  private compilePresent(path: AttributePath): string {
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

  private compileValuePath(filter: Extract<Filter, { type: "valuePath" }>): string {
    const resolved = this.resolve(filter.path);
    const { attribute } = resolved;
    if (resolved.subAttribute || attribute.type !== "complex") {
      throw this.fail(`"${resolved.label}[...]": a value filter needs a complex attribute`);
    }
    const subs = referencedSubAttributes(filter.filter, attribute, this.fail);
    if (attribute.multiValued) {
      return this.exists(resolved, subs, (source, a) => this.compile(filter.filter, new ElementScope(attribute, (d) => this.need(source.target(a, d), resolved))));
    }
    // A single-valued complex attribute (name, manager): the "element" is the object itself.
    const object = this.singleTarget(resolved, attribute);
    if (object.kind !== "json") throw this.fail(`"${resolved.label}[...]" is not supported in filters`);
    const scope = new ElementScope(attribute, (d) => ({ ...object, keys: [...object.keys, d.name], type: d.type, caseExact: d.caseExact }));
    return `(${this.jsonIsObject(object)} AND ${this.compile(filter.filter, scope)})`;
  }

  private nested(compile: () => string): string {
    this.optional++;
    try {
      return compile();
    } finally {
      this.optional--;
    }
  }

  private resolve(path: AttributePath): ResolvedPath {
    return resolveResourcePath(path, this.resourceType, this.fail);
  }

  private need(target: Target | undefined, resolved: ResolvedPath): Target {
    if (!target) throw this.fail(`Filtering on "${resolved.label}" is not supported`);
    return target;
  }

  /** EXISTS over the elements of a multi-valued attribute, from the first source serving `subs`. */
  private exists(resolved: ResolvedPath, subs: AttributeDefinition[], condition: (s: ElementSource, a: string) => string): string {
    const source = this.elementSource(resolved, subs);
    const a = this.nextAlias();
    if (source.table && this.directoryId !== undefined) {
      // Bound before the condition: SQLite's `?` placeholders are numbered in the order they appear.
      const scope = `${a}."directoryId" = ${this.bind(this.directoryId)}`;
      if (this.optional === 0) this.selectiveSubquery = true;
      return `${this.column("id")} IN (SELECT ${a}."${source.table.owner}" FROM "${source.table.name}" ${a} WHERE ${scope} AND ${condition(source, a)})`;
    }
    const { from, where } = source.rows(a);
    return `EXISTS (SELECT 1 FROM ${from} WHERE ${where} AND ${condition(source, a)})`;
  }

  // ----- leaves --------------------------------------------------------------------------------

  private leafPresent(target: Target): string {
    switch (target.kind) {
      case "constant":
        return target.value !== "" ? TRUE : FALSE;
      case "column": {
        const checks = [];
        if (target.nullable) checks.push(`${target.expr} IS NOT NULL`);
        if (target.type === "string" || target.type === "reference" || target.type === "binary") checks.push(`${target.expr} <> ''`);
        return checks.length ? `(${checks.join(" AND ")})` : TRUE;
      }
      case "json":
        return this.jsonPresent(target);
    }
  }

  private leafCompare(target: Target, op: Exclude<CompareOperator, "ne">, operand: Operand): string {
    if (target.kind === "constant") return compareOperand(op, target.value, operand, target.caseExact) ? TRUE : FALSE;
    switch (operand.kind) {
      case "string":
        return this.compareString(target, op, operand.value);
      case "boolean":
        return this.compareBoolean(target, operand.value);
      case "dateTime":
        if (target.kind !== "column") throw this.fail("Comparing dateTimes stored in JSON is not supported");
        return this.guard(target, `${target.expr} ${sqlOperator(op)} ${this.bind(operand.value)}`);
      case "number":
        return this.compareNumber(target, op, operand.value);
    }
  }

  /** `x IS NOT NULL AND cmp`: keeps the result two-valued (and index-friendly, unlike COALESCE). */
  private guard(target: Exclude<Target, { kind: "constant" }>, comparison: string): string {
    const nullable = target.kind === "json" || target.nullable;
    return nullable ? `(${this.valueExpr(target)} IS NOT NULL AND ${comparison})` : `(${comparison})`;
  }

  /** The raw scalar: a column, or a JSON value as SQL (sqlite json_extract / postgresql ->> text). */
  private valueExpr(target: Exclude<Target, { kind: "constant" }>): string {
    if (target.kind === "column") return target.expr;
    return this.pg ? this.pgPath(target, "->>") : `json_extract(${target.base}, ${this.sqlitePath(target.keys)})`;
  }

  /**
   * Case-insensitive unless caseExact (RFC 7643 §2.1): lower() on the SQL side, except for the
   * *Key columns, which hold JS-lower-cased values. SQLite's lower() only folds ASCII, so the
   * parameter is ASCII-folded there to match it.
   */
  private stringSides(target: Exclude<Target, { kind: "constant" }>, value: string): { expr: string; value: string } {
    const raw = this.valueExpr(target);
    if (target.kind === "column" && target.lowerCased) return { expr: raw, value: value.toLowerCase() };
    if (target.caseExact) return { expr: raw, value };
    return { expr: `lower(${raw})`, value: this.pg ? value.toLowerCase() : asciiLower(value) };
  }

  private compareString(target: Exclude<Target, { kind: "constant" }>, op: Exclude<CompareOperator, "ne">, value: string): string {
    const sides = this.stringSides(target, value);
    const exact = target.caseExact && !(target.kind === "column" && target.lowerCased);
    const { expr } = sides;
    if (op === "co" || op === "sw" || op === "ew") {
      // SQLite's LIKE ignores ASCII case, so caseExact substring tests use instr()/substr().
      if (exact && !this.pg) {
        if (op === "co") return this.guard(target, `instr(${expr}, ${this.bind(sides.value)}) > 0`);
        if (op === "sw") return this.guard(target, `instr(${expr}, ${this.bind(sides.value)}) = 1`);
        return this.guard(target, `substr(${expr}, length(${expr}) - length(${this.bind(sides.value)}) + 1) = ${this.bind(sides.value)}`);
      }
      const pattern = (op === "sw" ? "" : "%") + escapeLike(sides.value) + (op === "ew" ? "" : "%");
      return this.guard(target, `${expr} LIKE ${this.bind(pattern)} ESCAPE '\\'`);
    }
    if (op === "eq") return this.guard(target, `${expr} = ${this.bind(sides.value)}`);
    // Byte order on both databases (SQLite's default BINARY collation; "C" on PostgreSQL).
    const collated = this.pg ? `${expr} COLLATE "C"` : expr;
    return this.guard(target, `${collated} ${sqlOperator(op)} ${this.bind(sides.value)}`);
  }

  private compareBoolean(target: Exclude<Target, { kind: "constant" }>, value: boolean): string {
    if (target.kind === "column") return this.guard(target, `${target.expr} = ${this.bind(this.pg ? value : value ? 1 : 0)}`);
    // JSON booleans: SQLite json_type() says 'true'/'false'; PostgreSQL compares jsonb values.
    // Strings such as "true" deliberately do not match (same as in memory).
    if (this.pg) {
      const json = this.pgPath(target, "->");
      return `(${json} IS NOT NULL AND ${json} = CAST(${this.bind(String(value))} AS jsonb))`;
    }
    return `(COALESCE(json_type(${target.base}, ${this.sqlitePath(target.keys)}), '') = ${this.bind(String(value))})`;
  }

  private compareNumber(target: Exclude<Target, { kind: "constant" }>, op: Exclude<CompareOperator, "ne">, value: number): string {
    if (target.kind === "column") return this.guard(target, `${target.expr} ${sqlOperator(op)} ${this.bind(value)}`);
    if (this.pg) {
      const json = this.pgPath(target, "->");
      return `(CASE WHEN jsonb_typeof(${json}) = 'number' THEN (${json} #>> '{}')::numeric ${sqlOperator(op)} ${this.bind(value)} ELSE FALSE END)`;
    }
    const path = this.sqlitePath(target.keys);
    return `(COALESCE(json_type(${target.base}, ${path}) IN ('integer', 'real') AND json_extract(${target.base}, ${path}) ${sqlOperator(op)} ${this.bind(value)}, 0))`;
  }

  // ----- JSON ----------------------------------------------------------------------------------

  private checkKeys(keys: string[]) {
    for (const key of keys) if (!SAFE_JSON_KEY.test(key)) throw new Error(`compileFilterSql: unsafe JSON key ${JSON.stringify(key)}`);
  }

  /** SQLite JSON path with every key quoted, so URN keys with ':' and '.' work: '$."urn:…:User"."x"'. */
  private sqlitePath(keys: string[]): string {
    this.checkKeys(keys);
    return `'$${keys.map((k) => `."${k}"`).join("")}'`;
  }

  /** PostgreSQL: (base -> 'a' ->> 'b'); `last` is -> (jsonb) or ->> (text) for the final key. */
  private pgPath(target: Extract<Target, { kind: "json" }>, last: "->" | "->>"): string {
    this.checkKeys(target.keys);
    if (!target.keys.length) return last === "->" ? target.base : `(${target.base} #>> '{}')`;
    const steps = target.keys.map((k, i) => `${i === target.keys.length - 1 ? last : "->"} '${k}'`);
    return `(${target.base} ${steps.join(" ")})`;
  }

  /** RFC 7644 `pr`: not null, "", [] or {}. */
  private jsonPresent(target: Extract<Target, { kind: "json" }>): string {
    if (this.pg) {
      const j = this.pgPath(target, "->");
      return (
        `(CASE jsonb_typeof(${j}) WHEN 'string' THEN (${j} #>> '{}') <> '' WHEN 'array' THEN jsonb_array_length(${j}) > 0 ` +
        `WHEN 'object' THEN ${j} <> '{}'::jsonb WHEN 'null' THEN FALSE ELSE jsonb_typeof(${j}) IS NOT NULL END)`
      );
    }
    const b = target.base;
    const p = this.sqlitePath(target.keys);
    return (
      `(CASE json_type(${b}, ${p}) WHEN 'text' THEN json_extract(${b}, ${p}) <> '' WHEN 'array' THEN json_array_length(${b}, ${p}) > 0 ` +
      `WHEN 'object' THEN json_extract(${b}, ${p}) <> '{}' WHEN 'null' THEN 0 ELSE json_type(${b}, ${p}) IS NOT NULL END)`
    );
  }

  private jsonIsObject(target: Extract<Target, { kind: "json" }>): string {
    if (this.pg) return `COALESCE(jsonb_typeof(${this.pgPath(target, "->")}) = 'object', FALSE)`;
    return `COALESCE(json_type(${target.base}, ${this.sqlitePath(target.keys)}) = 'object', FALSE)`;
  }

  // ----- mapping attributes to storage ---------------------------------------------------------

  /** A single-valued attribute (or sub-attribute `definition` of a single-valued complex one). */
  private singleTarget(resolved: ResolvedPath, definition: AttributeDefinition): Target {
    const { attribute } = resolved;
    const base = { type: definition.type, caseExact: definition.caseExact };
    if (resolved.profileField !== undefined) {
      return { kind: "json", base: this.column("profileFields"), keys: [resolved.profileField], ...base };
    }
    if (resolved.extensionUrn) {
      const keys = [resolved.extensionUrn, attribute.name, ...(definition === attribute ? [] : [definition.name])];
      return { kind: "json", base: this.column("resource"), keys, ...base };
    }
    const column = this.coreColumn(attribute, definition);
    if (column) return column;
    if (attribute.name === "meta") throw this.fail(`Filtering on "${resolved.label}" is not supported`);
    const keys = definition === attribute ? [attribute.name] : [attribute.name, definition.name];
    return { kind: "json", base: this.column("resource"), keys, ...base };
  }

  private coreColumn(attribute: AttributeDefinition, definition: AttributeDefinition): Target | undefined {
    const shape = { type: definition.type, caseExact: definition.caseExact };
    const col = (name: string, nullable: boolean, lowerCased = false): Target => ({ kind: "column", expr: this.column(name), nullable, lowerCased, ...shape });
    const name = attribute === definition ? attribute.name : `${attribute.name}.${definition.name}`;
    switch (name) {
      case "id":
        return col("id", false);
      case "externalId":
        return col("externalId", true);
      case "meta.created":
        return col("createdAt", false);
      case "meta.lastModified":
        return col("updatedAt", false);
      case "meta.resourceType":
        return { kind: "constant", value: this.resourceType, ...shape };
    }
    if (this.resourceType === "User") {
      // userNameKey is NULL while a retained user is hidden; such rows do not match.
      if (name === "userName") return col("userNameKey", true, true);
      if (name === "active") return col("active", false);
    } else if (name === "displayName") {
      return col("displayNameKey", false, true);
    }
    return undefined;
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
    if (this.resourceType === "User" && name === "emails") return [this.emailTable(), this.jsonArray(resolved)];
    if (this.resourceType === "User" && name === "groups") return [this.membershipTable("userId", "groupId", "direct")];
    if (this.resourceType === "Group" && name === "members") return [this.membershipTable("groupId", "userId", "User")];
    return [this.jsonArray(resolved)];
  }

  /**
   * Correlating on directoryId as well lets PostgreSQL carry the caller's `directoryId = $1` into
   * the subquery and use ScimUserEmail's (directoryId, valueKey) index.
   */
  private correlate(a: string, column: string): string {
    return `${a}."${column}" = ${this.column("id")} AND ${a}."directoryId" = ${this.column("directoryId")}`;
  }

  /**
   * `schemas` is not stored: lib/scim/resource/to-scim.ts rebuilds it as the core URN, every
   * extension URN key of the resource (urn:…:2.0:User|Group) and, for a user with profile
   * fields, the URN they arrived under ("profileFieldsSchema"). This derives the same set.
   */
  private schemasSource(): ElementSource {
    const resource = this.column("resource");
    const key = (k: string) =>
      `(lower(${k}) LIKE 'urn:%:2.0:user' OR lower(${k}) LIKE 'urn:%:2.0:group') AND lower(${k}) NOT IN ('${SCHEMA_USER.toLowerCase()}', '${SCHEMA_GROUP.toLowerCase()}')`;
    const parts = [`SELECT CAST('${resourceTypes[this.resourceType].schema.id}' AS TEXT) AS "s"`];
    if (this.pg) {
      parts.push(`SELECT k."key" FROM jsonb_each(CASE WHEN jsonb_typeof(${resource}) = 'object' THEN ${resource} ELSE '{}'::jsonb END) k WHERE ${key(`k."key"`)}`);
    } else {
      parts.push(`SELECT k."key" FROM json_each(${resource}) k WHERE json_type(${resource}) = 'object' AND ${key(`k."key"`)}`);
    }
    if (this.resourceType === "User") {
      const fields = this.pg
        ? `jsonb_each(CASE WHEN jsonb_typeof(${this.column("profileFields")}) = 'object' THEN ${this.column("profileFields")} ELSE '{}'::jsonb END) p WHERE jsonb_typeof(p."value") <> 'null'`
        : `json_each(${this.column("profileFields")}) p WHERE p."type" <> 'null'`;
      parts.push(`SELECT ${this.column("profileFieldsSchema")} WHERE ${this.column("profileFieldsSchema")} IS NOT NULL AND EXISTS (SELECT 1 FROM ${fields})`);
    }
    return {
      rows: (a) => ({ from: `(${parts.join(" UNION ALL ")}) ${a}`, where: TRUE }),
      target: (a, d) => ({ kind: "column", expr: `${a}."s"`, type: d.type, caseExact: d.caseExact, nullable: false }),
      order: (a) => `${a}."s" ASC`,
    };
  }

  /** ScimUserEmail: indexed on (directoryId, valueKey); `primary` is false when not sent. */
  private emailTable(): ElementSource {
    return {
      rows: (a) => ({ from: `"ScimUserEmail" ${a}`, where: this.correlate(a, "userId") }),
      table: { name: "ScimUserEmail", owner: "userId" },
      target: (a, d) => {
        const shape = { type: d.type, caseExact: d.caseExact };
        if (d.name === "value") return { kind: "column", expr: this.column("valueKey", a), nullable: false, lowerCased: true, ...shape };
        if (d.name === "type") return { kind: "column", expr: this.column("type", a), nullable: true, ...shape };
        if (d.name === "primary") return { kind: "column", expr: this.column("primary", a), nullable: false, ...shape };
        return undefined;
      },
      order: (a) => `${a}."primary" DESC, ${a}."position" ASC`,
    };
  }

  /**
   * ScimGroupMember, seen from a Group (members: value = userId, type "User") or from a User
   * (groups: value = groupId, type "direct"). Ids are server-generated lower-case UUIDs, so the
   * id columns serve as their own lower-cased key for the case-insensitive `value`.
   */
  private membershipTable(owner: "groupId" | "userId", other: "groupId" | "userId", type: string): ElementSource {
    return {
      rows: (a) => ({ from: `"ScimGroupMember" ${a}`, where: this.correlate(a, owner) }),
      table: { name: "ScimGroupMember", owner },
      target: (a, d) => {
        if (d.name === "value") return { kind: "column", expr: this.column(other, a), type: d.type, caseExact: d.caseExact, nullable: false, lowerCased: true };
        if (d.name === "type") return { kind: "constant", value: type, type: d.type, caseExact: d.caseExact };
        return undefined;
      },
      order: (a) => `${a}."createdAt" ASC, ${a}."${other}" ASC`,
    };
  }

  /**
   * A JSON array in the resource. Elements of a complex attribute must be objects; elements of a
   * simple one (`schemas`) must be strings or numbers. Anything else is ignored, as in memory.
   */
  private jsonArray(resolved: ResolvedPath): ElementSource {
    const array = this.singleTarget({ ...resolved, subAttribute: undefined }, resolved.attribute) as Extract<Target, { kind: "json" }>;
    const complex = resolved.attribute.type === "complex";
    // The CASE keeps json_extract() away from non-JSON atoms whatever order SQLite evaluates terms in.
    const element = (a: string) => (this.pg ? `${a}."v"` : `(CASE WHEN ${a}."type" = 'object' THEN ${a}."value" END)`);
    const atom = (a: string) =>
      this.pg
        ? `(CASE WHEN jsonb_typeof(${a}."v") IN ('string', 'number') THEN ${a}."v" #>> '{}' END)`
        : `(CASE WHEN ${a}."type" IN ('text', 'integer', 'real') THEN ${a}."atom" END)`;
    return {
      rows: (a) => {
        if (this.pg) {
          const j = this.pgPath(array, "->");
          return {
            from: `jsonb_array_elements(CASE WHEN jsonb_typeof(${j}) = 'array' THEN ${j} ELSE '[]'::jsonb END) WITH ORDINALITY AS ${a}("v", "n")`,
            where: complex ? `jsonb_typeof(${a}."v") = 'object'` : TRUE,
          };
        }
        const path = this.sqlitePath(array.keys);
        const isArray = `json_type(${array.base}, ${path}) = 'array'`;
        return { from: `json_each(${array.base}, ${path}) ${a}`, where: complex ? `${isArray} AND ${a}."type" = 'object'` : isArray };
      },
      target: (a, d) =>
        complex
          ? { kind: "json", base: element(a), keys: [d.name], type: d.type, caseExact: d.caseExact }
          : { kind: "column", expr: atom(a), type: d.type, caseExact: d.caseExact, nullable: true },
      order: (a) => {
        const first = this.pg ? `${a}."n"` : `${a}."key"`;
        if (!complex) return `${first} ASC`;
        const primary = this.compileBooleanTrue({ kind: "json", base: element(a), keys: ["primary"], type: "boolean", caseExact: false });
        return `${primary} DESC, ${first} ASC`;
      },
    };
  }

  private compileBooleanTrue(target: Extract<Target, { kind: "json" }>): string {
    if (this.pg) return `COALESCE(${this.pgPath(target, "->")} = 'true'::jsonb, FALSE)`;
    return `(COALESCE(json_type(${target.base}, ${this.sqlitePath(target.keys)}), '') = 'true')`;
  }

  // ----- sorting -------------------------------------------------------------------------------

  sortExpression(resolved: ResolvedPath): string {
    const { attribute } = resolved;
    if (attribute.multiValued) {
      const definition = comparisonDefinition(resolved, this.fail);
      const source = this.elementSource(resolved, [definition]);
      const a = this.nextAlias();
      const { from, where } = source.rows(a);
      const value = this.sortValue(this.need(source.target(a, definition), resolved));
      return `(SELECT ${value} FROM ${from} WHERE ${where} ORDER BY ${source.order(a)} LIMIT 1)`;
    }
    return this.sortValue(this.singleTarget(resolved, comparisonDefinition(resolved, this.fail)));
  }

  /** RFC 7644 §3.4.2.3: string sorting respects caseExact. */
  private sortValue(target: Target): string {
    if (target.kind === "constant") return `CAST('${target.value.replace(/'/g, "''")}' AS TEXT)`;
    const isString = target.type === "string" || target.type === "reference" || target.type === "binary";
    if (!isString) return this.valueExpr(target);
    const raw = this.valueExpr(target);
    const expr = target.caseExact || (target.kind === "column" && target.lowerCased) ? raw : `lower(${raw})`;
    return this.pg ? `${expr} COLLATE "C"` : expr;
  }
}

/** Resolution and storage of sub-attribute paths inside `attr[...]`. */
class ElementScope {
  constructor(
    private readonly parent: AttributeDefinition,
    private readonly targetOf: (definition: AttributeDefinition) => Target,
  ) {}

  definition(path: AttributePath): AttributeDefinition {
    return resolveElementPath(path, this.parent);
  }

  label(path: AttributePath): string {
    return `${this.parent.name}.${path.attribute}`;
  }

  target(path: AttributePath): Target {
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

function sqlOperator(op: CompareOperator): string {
  const operators: Partial<Record<CompareOperator, string>> = { eq: "=", gt: ">", ge: ">=", lt: "<", le: "<=" };
  const sql = operators[op];
  if (!sql) throw new Error(`compileFilterSql: no SQL operator for ${op}`);
  return sql;
}

/**
 * Translates a filter into a SQL boolean expression over the resource table aliased
 * `options.alias`, binding every value into `options.params`. The result is never NULL, so it can
 * be combined with AND/NOT freely. Throws ScimError (400 invalidFilter) for unknown attributes,
 * type mismatches, and attributes that cannot be filtered in SQL (meta.location, meta.version,
 * members.display, members.$ref, groups.display, groups.$ref).
 */
export function compileFilterSql(filter: Filter, options: CompileFilterOptions): { sql: string } {
  const compiler = new SqlCompiler(options.resourceType, options.dialect, options.alias, options.params, invalidFilter, options.directoryId);
  const sql = compiler.compile(filter);
  if (options.plan) options.plan.selectiveSubquery = compiler.selectiveSubquery;
  return { sql };
}

/**
 * The ORDER BY expression for the `sortBy` parameter (RFC 7644 §3.4.2.3), without direction: the
 * caller appends one, ideally `sortDirectionSql(sortOrder)` so that resources without a value sort
 * last when ascending and first when descending as the RFC asks, then a tie-breaker such as
 * `, u."id" ASC`. Any single-valued attribute (column or JSON) can be used; strings sort
 * case-insensitively unless caseExact; a multi-valued attribute sorts by its primary value, else
 * the first (`emails` ≡ `emails.value`). The expression contains no bound parameters.
 * An unknown or unsortable attribute throws ScimError 400 invalidValue: the RFC names no scimType
 * for a bad sortBy, and invalidValue is what Roster uses for other bad query parameters.
 */
export function compileSortSql(sortBy: string, resourceType: ResourceTypeName, dialect: SqlDialect, alias: string): string {
  const fail: ErrorFactory = (detail) => invalidValue(`Invalid sortBy: ${detail}`);
  const resolved = resolveResourcePath(parseAttributePath(sortBy, fail), resourceType, fail);
  return new SqlCompiler(resourceType, dialect, alias, [], fail).sortExpression(resolved);
}

/**
 * RFC 7644 §3.4.2.3: "ordered last if ascending and first if descending" for missing values.
 * Both SQLite (≥ 3.30) and PostgreSQL accept NULLS FIRST/LAST.
 */
export function sortDirectionSql(sortOrder: SortOrder | undefined): string {
  return sortOrder === "descending" ? "DESC NULLS FIRST" : "ASC NULLS LAST";
}
