// Compiles a filter (RFC 7644 §3.4.2.2) or a sortBy (§3.4.2.3) into SQL over the caller's storage:
// plan-filter-sql.ts maps the AST onto the storage map into a dialect-neutral plan, and the dialect's
// emitter (emit-sqlite.ts, emit-postgresql.ts) writes that plan as SQL with bound values.
import { invalidFilter, invalidValue } from "../errors";
import type { ResourceTypeName } from "../schema";
import type { Filter } from "./ast";
import { PostgresEmitter } from "./emit-postgresql";
import { SqliteEmitter } from "./emit-sqlite";
import { parseAttributePath, type ErrorFactory } from "./parse-filter";
import { FilterPlanner } from "./plan-filter-sql";
import { resolveResourcePath } from "./resolve-path";
import type { Placeholders, SqlDialect, SqlEmitter } from "./sql-emitter";
import type { ResourceStorage } from "./storage-map";

export type { Placeholders, SqlDialect } from "./sql-emitter";
export type SortOrder = "ascending" | "descending";

const EMITTERS: Record<SqlDialect, SqlEmitter> = { sqlite: new SqliteEmitter(), postgresql: new PostgresEmitter() };
const SAFE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The emitter of a dialect, for what the caller writes around the compiled SQL (`withoutIndex`). */
export function sqlEmitter(dialect: SqlDialect): SqlEmitter {
  return EMITTERS[dialect];
}

export interface CompileSqlOptions {
  resourceType: ResourceTypeName;
  /** Where the resource type's attributes are stored (lib/provisioning/attribute-storage.ts). */
  storage: ResourceStorage;
  dialect: SqlDialect;
  /** Alias of the resource table in the outer query, e.g. "r". */
  alias: string;
}

export interface CompileFilterOptions extends CompileSqlOptions {
  /** Bound values are added here, after whatever the caller bound already (lib/provisioning's SqlParams). */
  params: Placeholders;
  /**
   * The directory the outer query is scoped to: multi-valued attributes kept in tables of their own
   * (emails, members, groups) are then matched from that table's index first (see plan-filter-sql.ts).
   */
  directoryId?: string;
  /**
   * Filled in when given: `selectiveSubquery` is set when such a table subquery must hold for every
   * match (e.g. `emails.value eq "…"`), so the caller can let it lead the query.
   */
  plan?: { selectiveSubquery: boolean };
}

function planner(options: CompileSqlOptions & { directoryId?: string }, fail: ErrorFactory): FilterPlanner {
  // A programming error, not a client error: the alias is spliced into the SQL text.
  if (!SAFE_IDENTIFIER.test(options.alias)) throw new Error(`compileFilterSql: unsafe table alias ${JSON.stringify(options.alias)}`);
  return new FilterPlanner({ ...options, fail });
}

/**
 * Translates a filter into a SQL boolean expression over the resource table aliased
 * `options.alias`, binding every value into `options.params`. The result is never NULL, so it can
 * be combined with AND/NOT freely. Throws ScimError (400 invalidFilter) for unknown attributes,
 * type mismatches, and attributes that cannot be filtered in SQL (meta.location, meta.version,
 * members.display, members.$ref, groups.display, groups.$ref).
 */
export function compileFilterSql(filter: Filter, options: CompileFilterOptions): { sql: string } {
  const plan = planner(options, invalidFilter);
  const condition = plan.filter(filter);
  if (options.plan) options.plan.selectiveSubquery = plan.selectiveSubquery;
  return { sql: EMITTERS[options.dialect].condition(condition, options.params) };
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
export function compileSortSql(sortBy: string, options: CompileSqlOptions): string {
  const fail: ErrorFactory = (detail) => invalidValue(`Invalid sortBy: ${detail}`);
  const resolved = resolveResourcePath(parseAttributePath(sortBy, fail), options.resourceType, fail);
  return EMITTERS[options.dialect].sort(planner(options, fail).sort(resolved));
}

/**
 * RFC 7644 §3.4.2.3: "ordered last if ascending and first if descending" for missing values.
 * Both SQLite (≥ 3.30) and PostgreSQL accept NULLS FIRST/LAST.
 */
export function sortDirectionSql(sortOrder: SortOrder | undefined): string {
  return sortOrder === "descending" ? "DESC NULLS FIRST" : "ASC NULLS LAST";
}
