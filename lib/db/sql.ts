// Building blocks for plain SQL through Database.sql (lib/db/client.ts): every statement is written
// for both dialects, and values are bound through SqlParams, never spliced into the text.
import type { DbKind, SqlExecutor } from "./client";

/** Where a statement runs: the driver itself (outside a transaction) or a transaction's executor. */
export type Sql = SqlExecutor;

/**
 * A write whose answer is not needed: in a transaction it is sent without waiting (SqlExecutor.send),
 * its failure failing the transaction; elsewhere it is executed and awaited.
 */
export async function send(sql: Sql, text: string, params: readonly unknown[]): Promise<void> {
  if (sql.send) sql.send(text, params);
  else await sql.execute(text, params);
}

/** Bound values of one statement, with the dialect's placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly kind: DbKind) {}

  /** The values bound so far, to bind more for a variant of the same statement. */
  copy(): SqlParams {
    const params = new SqlParams(this.kind);
    params.values.push(...this.values);
    return params;
  }

  /** Binds a value (string, number, Date, null) and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value === undefined ? null : value);
    return this.kind === "sqlite" ? "?" : `$${this.values.length}`;
  }

  /** Booleans are 0/1 on SQLite. */
  bool(value: boolean): string {
    return this.add(this.kind === "sqlite" ? (value ? 1 : 0) : value);
  }

  /** A Json column: JSON text on SQLite, jsonb on PostgreSQL. */
  json(value: unknown): string {
    const placeholder = this.add(JSON.stringify(value));
    return this.kind === "sqlite" ? placeholder : `${placeholder}::jsonb`;
  }

  /** `(p1, p2, …)` for an IN list (never empty: callers skip empty lists). */
  list(values: readonly unknown[]): string {
    return `(${values.map((v) => this.add(v)).join(", ")})`;
  }
}

/** `"a" = p1, "b" = p2` for an UPDATE from column values already bound by `bindColumn`. */
export function assignments(columns: Record<string, string>): string {
  return Object.entries(columns)
    .map(([column, placeholder]) => `"${column}" = ${placeholder}`)
    .join(", ");
}

/** `INSERT INTO "table" ("a", "b") VALUES (p1, p2)` from column → placeholder. */
export function insertInto(table: string, columns: Record<string, string>): string {
  return `INSERT INTO "${table}" (${Object.keys(columns)
    .map((c) => `"${c}"`)
    .join(", ")}) VALUES (${Object.values(columns).join(", ")})`;
}

/**
 * How a read inside a transaction locks the rows it returns, on PostgreSQL (on SQLite a write
 * transaction already excludes every other writer): "update" for a row about to be changed (NO KEY:
 * membership inserts, which only need the key to stay, may go on beside it); "delete" for a row about
 * to be deleted; "share" for a row whose existence the transaction relies on (a user being added to a
 * group: a concurrent delete of that user waits for this transaction, or this one sees it gone).
 */
export type RowLock = "update" | "delete" | "share";

export function rowLock(kind: DbKind, lock: RowLock | undefined): string {
  if (!lock || kind !== "postgresql") return "";
  return { update: " FOR NO KEY UPDATE", delete: " FOR UPDATE", share: " FOR KEY SHARE" }[lock];
}

/**
 * The directory condition's column for a lookup of a few rows by primary key (`… AND "id" IN (…)`).
 * SQLite has no statistics and would rather walk the directory's whole slice of a (directoryId, …)
 * index than look the ids up by primary key; the unary + leaves it only the key.
 */
export function byIdScope(kind: DbKind, column = `"directoryId"`): string {
  return kind === "sqlite" ? `+${column}` : column;
}

/** Splits a list into parts of at most `size` (bound-parameter limits, bounded statements). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
