// The PostgreSQL emitter: JSON through jsonb operators (-> / ->>), booleans bound as booleans,
// Unicode lower() and case-sensitive LIKE, and byte order through COLLATE "C".
import type { Rows, JsonTarget } from "./sql-plan";
import { SqlEmitter, type Placeholders } from "./sql-emitter";

export class PostgresEmitter extends SqlEmitter {
  readonly dialect = "postgresql" as const;

  /** (base -> 'a' ->> 'b'); `last` is -> (jsonb) or ->> (text) for the final key. */
  private path(target: JsonTarget, last: "->" | "->>"): string {
    this.checkKeys(target.keys);
    const base = this.jsonBase(target.base);
    if (!target.keys.length) return last === "->" ? base : `(${base} #>> '{}')`;
    const steps = target.keys.map((k, i) => `${i === target.keys.length - 1 ? last : "->"} '${k}'`);
    return `(${base} ${steps.join(" ")})`;
  }

  protected jsonText(target: JsonTarget): string {
    return this.path(target, "->>");
  }

  protected element(alias: string): string {
    return `${alias}."v"`;
  }

  protected atom(alias: string): string {
    return `(CASE WHEN jsonb_typeof(${alias}."v") IN ('string', 'number') THEN ${alias}."v" #>> '{}' END)`;
  }

  protected foldCase(value: string): string {
    return value.toLowerCase();
  }

  protected collateBytes(expr: string): string {
    return `${expr} COLLATE "C"`;
  }

  protected booleanValue(value: boolean): unknown {
    return value;
  }

  protected jsonBooleanEquals(target: JsonTarget, value: boolean, params: Placeholders): string {
    const json = this.path(target, "->");
    return `(${json} IS NOT NULL AND ${json} = CAST(${params.add(String(value))} AS jsonb))`;
  }

  protected jsonNumberCompare(target: JsonTarget, operator: string, value: number, params: Placeholders): string {
    const json = this.path(target, "->");
    return `(CASE WHEN jsonb_typeof(${json}) = 'number' THEN (${json} #>> '{}')::numeric ${operator} ${params.add(value)} ELSE FALSE END)`;
  }

  protected jsonPresent(target: JsonTarget): string {
    const j = this.path(target, "->");
    return (
      `(CASE jsonb_typeof(${j}) WHEN 'string' THEN (${j} #>> '{}') <> '' WHEN 'array' THEN jsonb_array_length(${j}) > 0 ` +
      `WHEN 'object' THEN ${j} <> '{}'::jsonb WHEN 'null' THEN FALSE ELSE jsonb_typeof(${j}) IS NOT NULL END)`
    );
  }

  protected jsonIsObject(target: JsonTarget): string {
    return `COALESCE(jsonb_typeof(${this.path(target, "->")}) = 'object', FALSE)`;
  }

  protected jsonIsTrue(target: JsonTarget): string {
    return `COALESCE(${this.path(target, "->")} = 'true'::jsonb, FALSE)`;
  }

  protected jsonArrayRows(rows: Extract<Rows, { kind: "jsonArray" }>): { from: string; where: string } {
    const j = this.path(rows.array, "->");
    const a = rows.alias;
    return {
      from: `jsonb_array_elements(CASE WHEN jsonb_typeof(${j}) = 'array' THEN ${j} ELSE '[]'::jsonb END) WITH ORDINALITY AS ${a}("v", "n")`,
      where: rows.objects ? `jsonb_typeof(${a}."v") = 'object'` : "(1 = 1)",
    };
  }

  protected arrayIndex(alias: string): string {
    return `${alias}."n"`;
  }

  /** The CASE turns a non-object into {} (jsonb_each() would fail on it). */
  private entries(json: string, alias: string): string {
    return `jsonb_each(CASE WHEN jsonb_typeof(${json}) = 'object' THEN ${json} ELSE '{}'::jsonb END) ${alias}`;
  }

  protected objectKeys(json: string, alias: string): { from: string; where: string[] } {
    return { from: this.entries(json, alias), where: [] };
  }

  protected nonNullEntries(json: string, alias: string): { from: string; where: string } {
    return { from: this.entries(json, alias), where: `jsonb_typeof(${alias}."value") <> 'null'` };
  }
}
