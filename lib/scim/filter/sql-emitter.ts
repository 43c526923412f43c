// Writes a query plan (sql-plan.ts) as SQL. What both databases write alike is here; what differs
// (JSON functions, collation, booleans, case folding) is left to emit-sqlite.ts and emit-postgresql.ts.
//
// Safety: values only ever travel as bound parameters. SQL text contains only identifiers and JSON
// keys from the storage map and the schema definitions after resolution (plus profile-field names,
// which the resolver restricts to [A-Za-z0-9_-]), and JSON keys are re-checked before use.
import type { CompareOperator } from "./ast";
import type { ColumnRef, Condition, JsonBase, JsonTarget, Rows, SortConstant, SortPlan, Target } from "./sql-plan";

export type SqlDialect = "sqlite" | "postgresql";

/** Where values are bound: `add` keeps the value and returns its placeholder (lib/provisioning's SqlParams). */
export interface Placeholders {
  add(value: unknown): string;
}

const TRUE = "(1 = 1)";
const FALSE = "(1 = 0)";
/** Attribute names, extension URNs and profile-field names: nothing that could close a quote. */
const SAFE_JSON_KEY = /^[A-Za-z0-9_$:.\-]+$/;
const OPERATORS: Record<Exclude<CompareOperator, "ne" | "co" | "sw" | "ew">, string> = { eq: "=", gt: ">", ge: ">=", lt: "<", le: "<=" };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, "\\$&");

export abstract class SqlEmitter {
  abstract readonly dialect: SqlDialect;

  // ----- what each dialect writes its own way ------------------------------------------------------

  /** A JSON value as text (NULL when absent). */
  protected abstract jsonText(target: JsonTarget): string;
  /** The current element of a JSON array (rows of kind "jsonArray"), as JSON. */
  protected abstract element(alias: string): string;
  /** The current element of a JSON array of strings or numbers, as text (NULL for anything else). */
  protected abstract atom(alias: string): string;
  /** The operand of a case-insensitive comparison, folded the way the database's lower() folds. */
  protected abstract foldCase(value: string): string;
  /** Byte order for <, >, ORDER BY (RFC 7644 leaves string order to the server; both databases agree on this one). */
  protected abstract collateBytes(expr: string): string;
  /** A boolean column's value as bound. */
  protected abstract booleanValue(value: boolean): unknown;
  /** JSON true/false (strings such as "true" deliberately do not match, as in memory). */
  protected abstract jsonBooleanEquals(target: JsonTarget, value: boolean, params: Placeholders): string;
  /** A JSON number compared with a number; false for anything that is not a JSON number. */
  protected abstract jsonNumberCompare(target: JsonTarget, operator: string, value: number, params: Placeholders): string;
  /** RFC 7644 `pr` on a JSON value: not null, "", [] or {}. */
  protected abstract jsonPresent(target: JsonTarget): string;
  protected abstract jsonIsObject(target: JsonTarget): string;
  /** The JSON value is true (two-valued). */
  protected abstract jsonIsTrue(target: JsonTarget): string;
  /** FROM and WHERE for the elements of a JSON array (a non-array has none). */
  protected abstract jsonArrayRows(rows: Extract<Rows, { kind: "jsonArray" }>): { from: string; where: string };
  /** The position of the current element of a JSON array. */
  protected abstract arrayIndex(alias: string): string;
  /** FROM and WHERE conditions for the keys (`alias."key"`) of a JSON object column (a non-object has none). */
  protected abstract objectKeys(json: string, alias: string): { from: string; where: string[] };
  /** FROM and WHERE for the entries of a JSON object column whose value is not JSON null. */
  protected abstract nonNullEntries(json: string, alias: string): { from: string; where: string };

  /**
   * The column as an operand that no index serves. Only SQLite needs it: it has no statistics to
   * prefer a selective index over the directory's (see lib/provisioning/list-query.ts).
   */
  withoutIndex(expr: string): string {
    return expr;
  }

  /** Substring tests (co, sw, ew) on `expr`, already folded by stringSides. */
  protected substring(target: Target, op: "co" | "sw" | "ew", expr: string, value: string, _caseExact: boolean, params: Placeholders): string {
    const pattern = (op === "sw" ? "" : "%") + escapeLike(value) + (op === "ew" ? "" : "%");
    return this.guard(target, `${expr} LIKE ${params.add(pattern)} ESCAPE '\\'`);
  }

  // ----- shared ----------------------------------------------------------------------------------

  protected column(ref: ColumnRef): string {
    return `${ref.alias}."${ref.column}"`;
  }

  protected jsonBase(base: JsonBase): string {
    return base.kind === "column" ? this.column(base.ref) : this.element(base.alias);
  }

  protected checkKeys(keys: string[]) {
    for (const key of keys) if (!SAFE_JSON_KEY.test(key)) throw new Error(`compileFilterSql: unsafe JSON key ${JSON.stringify(key)}`);
  }

  /** The raw scalar: a column, an array atom, or a JSON value as text. */
  protected valueExpr(target: Target): string {
    if (target.kind === "column") return this.column(target.ref);
    if (target.kind === "atom") return this.atom(target.alias);
    return this.jsonText(target);
  }

  /** A SQL boolean expression for the condition, binding its values into `params` in text order. */
  condition(condition: Condition, params: Placeholders): string {
    switch (condition.kind) {
      case "constant":
        return condition.value ? TRUE : FALSE;
      case "and":
      case "or":
        return `(${condition.terms.map((t) => this.condition(t, params)).join(condition.kind === "and" ? " AND " : " OR ")})`;
      case "not":
        return `(NOT ${this.condition(condition.term, params)})`;
      case "present":
        return this.present(condition.target);
      case "compare":
        return this.compare(condition, params);
      case "object":
        return `(${this.jsonIsObject(condition.target)} AND ${this.condition(condition.where, params)})`;
      case "exists": {
        const { from, where } = this.rows(condition.rows);
        return `EXISTS (SELECT 1 FROM ${from} WHERE ${where} AND ${this.condition(condition.where, params)})`;
      }
      case "inTable": {
        const { alias: a, table, owner, scopeColumn } = condition;
        // Bound before the condition: SQLite's `?` placeholders are numbered in the order they appear.
        const scope = `${a}."${scopeColumn}" = ${params.add(condition.scope)}`;
        return `${this.column(condition.parentId)} IN (SELECT ${a}."${owner}" FROM "${table}" ${a} WHERE ${scope} AND ${this.condition(condition.where, params)})`;
      }
    }
  }

  /** The ORDER BY expression of a sort plan, without direction; it binds no values. */
  sort(plan: SortPlan): string {
    if (plan.kind === "value") return this.sortValue(plan.target);
    const { from, where } = this.rows(plan.rows);
    return `(SELECT ${this.sortValue(plan.target)} FROM ${from} WHERE ${where} ORDER BY ${this.order(plan.rows)} LIMIT 1)`;
  }

  private present(target: Target): string {
    if (target.kind === "json") return this.jsonPresent(target);
    const expr = this.valueExpr(target);
    const checks = [];
    if (target.kind === "atom" || target.nullable) checks.push(`${expr} IS NOT NULL`);
    if (isString(target)) checks.push(`${expr} <> ''`);
    return checks.length ? `(${checks.join(" AND ")})` : TRUE;
  }

  private compare(condition: Extract<Condition, { kind: "compare" }>, params: Placeholders): string {
    const { target, op, operand } = condition;
    switch (operand.kind) {
      case "string":
        return this.compareString(target, op, operand.value, params);
      case "boolean":
        if (target.kind === "json") return this.jsonBooleanEquals(target, operand.value, params);
        return this.guard(target, `${this.valueExpr(target)} = ${params.add(this.booleanValue(operand.value))}`);
      case "dateTime":
        return this.guard(target, `${this.valueExpr(target)} ${operator(op)} ${params.add(operand.value)}`);
      case "number":
        if (target.kind === "json") return this.jsonNumberCompare(target, operator(op), operand.value, params);
        return this.guard(target, `${this.valueExpr(target)} ${operator(op)} ${params.add(operand.value)}`);
    }
  }

  /** `x IS NOT NULL AND cmp`: keeps the result two-valued (and index-friendly, unlike COALESCE). */
  protected guard(target: Target, comparison: string): string {
    const nullable = target.kind !== "column" || target.nullable;
    return nullable ? `(${this.valueExpr(target)} IS NOT NULL AND ${comparison})` : `(${comparison})`;
  }

  /**
   * Case-insensitive unless caseExact (RFC 7643 §2.1): lower() on the SQL side, except for the
   * lower-cased key columns, which hold JS-lower-cased values.
   */
  private compareString(target: Target, op: Exclude<CompareOperator, "ne">, value: string, params: Placeholders): string {
    const raw = this.valueExpr(target);
    const lowerCased = target.kind === "column" && target.lowerCased === true;
    const exact = target.caseExact && !lowerCased;
    const sides = lowerCased ? { expr: raw, value: value.toLowerCase() } : exact ? { expr: raw, value } : { expr: `lower(${raw})`, value: this.foldCase(value) };
    if (op === "co" || op === "sw" || op === "ew") return this.substring(target, op, sides.expr, sides.value, exact, params);
    if (op === "eq") return this.guard(target, `${sides.expr} = ${params.add(sides.value)}`);
    return this.guard(target, `${this.collateBytes(sides.expr)} ${operator(op)} ${params.add(sides.value)}`);
  }

  // ----- element rows ----------------------------------------------------------------------------

  private rows(rows: Rows): { from: string; where: string } {
    const a = rows.alias;
    switch (rows.kind) {
      case "table":
        return {
          from: `"${rows.table}" ${a}`,
          where: `${a}."${rows.owner}" = ${this.column(rows.parentId)} AND ${a}."${rows.scopeColumn}" = ${this.column(rows.parentScope)}`,
        };
      case "jsonArray":
        return this.jsonArrayRows(rows);
      case "schemas":
        return { from: `(${this.schemaRows(rows).join(" UNION ALL ")}) ${a}`, where: TRUE };
    }
  }

  private schemaRows(rows: Extract<Rows, { kind: "schemas" }>): string[] {
    const lowerKey = `lower(k."key")`;
    const isExtension = `(${rows.extensionKeyPatterns.map((p) => `${lowerKey} LIKE ${quote(p)}`).join(" OR ")}) AND ${lowerKey} NOT IN (${rows.excludedKeys.map(quote).join(", ")})`;
    const keys = this.objectKeys(this.column(rows.resource), "k");
    const parts = [`SELECT CAST(${quote(rows.core)} AS TEXT) AS "s"`, `SELECT k."key" FROM ${keys.from} WHERE ${[...keys.where, isExtension].join(" AND ")}`];
    if (rows.profileFields) {
      const schema = this.column(rows.profileFields.schema);
      const values = this.nonNullEntries(this.column(rows.profileFields.values), "p");
      parts.push(`SELECT ${schema} WHERE ${schema} IS NOT NULL AND EXISTS (SELECT 1 FROM ${values.from} WHERE ${values.where})`);
    }
    return parts;
  }

  /** "Primary, else first" (RFC 7644 §3.4.2.3). */
  private order(rows: Rows): string {
    const a = rows.alias;
    switch (rows.kind) {
      case "table":
        return rows.order.map((o) => `${a}."${o.column}" ${o.descending ? "DESC" : "ASC"}`).join(", ");
      case "jsonArray": {
        const first = `${this.arrayIndex(a)} ASC`;
        if (!rows.objects) return first;
        const primary: JsonTarget = { kind: "json", base: { kind: "element", alias: a }, keys: ["primary"], type: "boolean", caseExact: false };
        return `${this.jsonIsTrue(primary)} DESC, ${first}`;
      }
      case "schemas":
        return `${a}."s" ASC`;
    }
  }

  /** RFC 7644 §3.4.2.3: string sorting respects caseExact. */
  private sortValue(target: Target | SortConstant): string {
    if (target.kind === "constant") return `CAST(${quote(target.value)} AS TEXT)`;
    const raw = this.valueExpr(target);
    if (!isString(target)) return raw;
    const folded = target.caseExact || (target.kind === "column" && target.lowerCased) ? raw : `lower(${raw})`;
    return this.collateBytes(folded);
  }
}

function isString(target: Target): boolean {
  return target.type === "string" || target.type === "reference" || target.type === "binary";
}

function operator(op: Exclude<CompareOperator, "ne">): string {
  if (op === "co" || op === "sw" || op === "ew") throw new Error(`compileFilterSql: no SQL operator for ${op}`);
  return OPERATORS[op];
}

/** A SQL string literal of a constant from the schema or the storage map (never a client value). */
function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
