// The dialect-neutral query plan a filter or sortBy becomes (plan-filter-sql.ts) before an emitter
// (emit-sqlite.ts, emit-postgresql.ts) writes it as SQL. Every node names real tables and columns
// (from the storage map) and table aliases; values are kept as data until the emitter binds them.
import type { AttributeType } from "../schema";
import type { CompareOperator } from "./ast";
import type { Operand } from "./resolve-path";

/** `alias."column"`. */
export interface ColumnRef {
  alias: string;
  column: string;
}

/** What a leaf compares: its SCIM type and case sensitivity, whatever the storage. */
interface Shape {
  type: AttributeType;
  caseExact: boolean;
}

/** Where a JSON path starts: a JSON column, or the current element of a JSON array (`rows.kind === "jsonArray"`). */
export type JsonBase = { kind: "column"; ref: ColumnRef } | { kind: "element"; alias: string };

export type JsonTarget = Shape & { kind: "json"; base: JsonBase; keys: string[] };

/** A scalar the SQL can compare. */
export type Target =
  | (Shape & { kind: "column"; ref: ColumnRef; nullable: boolean; lowerCased?: boolean })
  /** The current element of a JSON array of strings or numbers, as text (NULL for anything else). */
  | (Shape & { kind: "atom"; alias: string })
  | JsonTarget;

/** The rows of a multi-valued attribute, one per element, correlated to the outer resource. */
export type Rows =
  | {
      kind: "table";
      alias: string;
      table: string;
      /** Element columns equal to the resource's: owner = id, scope = scope. */
      owner: string;
      scopeColumn: string;
      parentId: ColumnRef;
      parentScope: ColumnRef;
      order: { column: string; descending?: boolean }[];
    }
  | { kind: "jsonArray"; alias: string; array: JsonTarget; objects: boolean }
  | {
      /** `schemas`, derived (not stored): one text column "s" per URN. */
      kind: "schemas";
      alias: string;
      core: string;
      /** Keys of the resource JSON that are extension URNs: lower(key) LIKE any pattern and not an excluded one. */
      extensionKeyPatterns: string[];
      excludedKeys: string[];
      resource: ColumnRef;
      /** The URN in `schema`, when `values` holds at least one non-null value. */
      profileFields?: { values: ColumnRef; schema: ColumnRef };
    };

export type Condition =
  | { kind: "constant"; value: boolean }
  | { kind: "and" | "or"; terms: Condition[] }
  | { kind: "not"; term: Condition }
  | { kind: "present"; target: Target }
  | { kind: "compare"; target: Target; op: Exclude<CompareOperator, "ne">; operand: Operand }
  /** A single-valued complex attribute (`name[...]`): the JSON value is an object and `where` holds. */
  | { kind: "object"; target: JsonTarget; where: Condition }
  | { kind: "exists"; rows: Rows; where: Condition }
  /**
   * `id IN (SELECT owner FROM table WHERE scope = <scope> AND where)`: answered from the element
   * table's index first, where the correlated EXISTS is evaluated per resource.
   */
  | { kind: "inTable"; parentId: ColumnRef; alias: string; table: string; owner: string; scopeColumn: string; scope: string; where: Condition };

/** A sort value that is the same for every row (meta.resourceType, members.type). */
export interface SortConstant {
  kind: "constant";
  value: string;
}

/** The ORDER BY value of a sortBy, without direction. */
export type SortPlan =
  | { kind: "value"; target: Target | SortConstant }
  /** The value of the first element in `rows` order (primary first); NULL without elements. */
  | { kind: "first"; rows: Rows; target: Target | SortConstant };
