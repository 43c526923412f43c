// The SQLite emitter: JSON through json_extract/json_type/json_each with quoted-key paths, booleans
// as 0/1 (better-sqlite3 cannot bind booleans), and SQLite's ASCII-only lower() and LIKE.
import type { Rows, JsonTarget, Target } from "./sql-plan";
import { SqlEmitter, type Placeholders } from "./sql-emitter";

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

export class SqliteEmitter extends SqlEmitter {
  readonly dialect = "sqlite" as const;

  /** The unary + takes the column out of the running for index selection. */
  override withoutIndex(expr: string): string {
    return `+${expr}`;
  }

  /** A JSON path with every key quoted, so URN keys with ':' and '.' work: '$."urn:…:User"."x"'. */
  private path(keys: string[]): string {
    this.checkKeys(keys);
    return `'$${keys.map((k) => `."${k}"`).join("")}'`;
  }

  private jsonType(target: JsonTarget): string {
    return `json_type(${this.jsonBase(target.base)}, ${this.path(target.keys)})`;
  }

  protected jsonText(target: JsonTarget): string {
    return `json_extract(${this.jsonBase(target.base)}, ${this.path(target.keys)})`;
  }

  /** The CASE keeps json_extract() away from non-JSON atoms whatever order SQLite evaluates terms in. */
  protected element(alias: string): string {
    return `(CASE WHEN ${alias}."type" = 'object' THEN ${alias}."value" END)`;
  }

  protected atom(alias: string): string {
    return `(CASE WHEN ${alias}."type" IN ('text', 'integer', 'real') THEN ${alias}."atom" END)`;
  }

  /** SQLite's lower() only folds ASCII, so the operand is folded the same way to match it. */
  protected foldCase(value: string): string {
    return asciiLower(value);
  }

  /** SQLite's default BINARY collation is byte order already. */
  protected collateBytes(expr: string): string {
    return expr;
  }

  protected booleanValue(value: boolean): unknown {
    return value ? 1 : 0;
  }

  /** SQLite's LIKE ignores ASCII case, so caseExact substring tests use instr()/substr(). */
  protected override substring(target: Target, op: "co" | "sw" | "ew", expr: string, value: string, caseExact: boolean, params: Placeholders): string {
    if (!caseExact) return super.substring(target, op, expr, value, caseExact, params);
    if (op === "co") return this.guard(target, `instr(${expr}, ${params.add(value)}) > 0`);
    if (op === "sw") return this.guard(target, `instr(${expr}, ${params.add(value)}) = 1`);
    return this.guard(target, `substr(${expr}, length(${expr}) - length(${params.add(value)}) + 1) = ${params.add(value)}`);
  }

  /** json_type() says 'true' / 'false' for JSON booleans only. */
  protected jsonBooleanEquals(target: JsonTarget, value: boolean, params: Placeholders): string {
    return `(COALESCE(${this.jsonType(target)}, '') = ${params.add(String(value))})`;
  }

  protected jsonNumberCompare(target: JsonTarget, operator: string, value: number, params: Placeholders): string {
    return `(COALESCE(${this.jsonType(target)} IN ('integer', 'real') AND ${this.jsonText(target)} ${operator} ${params.add(value)}, 0))`;
  }

  protected jsonPresent(target: JsonTarget): string {
    const type = this.jsonType(target);
    const b = this.jsonBase(target.base);
    const p = this.path(target.keys);
    return (
      `(CASE ${type} WHEN 'text' THEN json_extract(${b}, ${p}) <> '' WHEN 'array' THEN json_array_length(${b}, ${p}) > 0 ` +
      `WHEN 'object' THEN json_extract(${b}, ${p}) <> '{}' WHEN 'null' THEN 0 ELSE ${type} IS NOT NULL END)`
    );
  }

  protected jsonIsObject(target: JsonTarget): string {
    return `COALESCE(${this.jsonType(target)} = 'object', FALSE)`;
  }

  protected jsonIsTrue(target: JsonTarget): string {
    return `(COALESCE(${this.jsonType(target)}, '') = 'true')`;
  }

  protected jsonArrayRows(rows: Extract<Rows, { kind: "jsonArray" }>): { from: string; where: string } {
    const base = this.jsonBase(rows.array.base);
    const path = this.path(rows.array.keys);
    const isArray = `json_type(${base}, ${path}) = 'array'`;
    return { from: `json_each(${base}, ${path}) ${rows.alias}`, where: rows.objects ? `${isArray} AND ${rows.alias}."type" = 'object'` : isArray };
  }

  protected arrayIndex(alias: string): string {
    return `${alias}."key"`;
  }

  protected objectKeys(json: string, alias: string): { from: string; where: string[] } {
    return { from: `json_each(${json}) ${alias}`, where: [`json_type(${json}) = 'object'`] };
  }

  protected nonNullEntries(json: string, alias: string): { from: string; where: string } {
    return { from: `json_each(${json}) ${alias}`, where: `${alias}."type" <> 'null'` };
  }
}
