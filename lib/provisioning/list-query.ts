// Shared SQL for listing users or groups (RFC 7644 §3.4.2): the filter and sort are compiled to SQL and
// run by the database, with the directory scope always first in the WHERE clause.
import type { ResourceTypeName } from "@/lib/scim/schema";
import { compileFilterSql, compileSortSql, sortDirectionSql, sqlEmitter } from "@/lib/scim/filter/compile-filter-sql";
import { parseFilter } from "@/lib/scim/filter/parse-filter";
import { SqlParams } from "@/lib/db/sql";
import { ATTRIBUTE_STORAGE } from "./attribute-storage";
import type { ProvisioningContext } from "./context";

export interface ListQuery {
  filter?: string;
  /** 1-based (RFC 7644 §3.4.2.4). */
  startIndex: number;
  /** 0 returns totalResults only. */
  count: number;
  sortBy?: string;
  sortOrder?: "ascending" | "descending";
}

export interface ListPage<T> {
  totalResults: number;
  startIndex: number;
  items: T[];
}

const TABLES: Record<ResourceTypeName, { table: string; extraWhere: string }> = {
  User: { table: "ScimUser", extraWhere: ` AND r."deletedAt" IS NULL` },
  Group: { table: "ScimGroup", extraWhere: "" },
};

/** The compile options of a resource type's table aliased `r`. */
export function listCompileOptions(ctx: ProvisioningContext, type: ResourceTypeName) {
  return { resourceType: type, storage: ATTRIBUTE_STORAGE[type], dialect: ctx.db.kind, alias: "r" };
}

/** The WHERE clause of a list of `type` (table aliased `r`): the directory scope first, then the filter. */
export function listWhere(ctx: ProvisioningContext, type: ResourceTypeName, filter: string | undefined, params: SqlParams): string {
  const { extraWhere } = TABLES[type];
  const emitter = sqlEmitter(ctx.db.kind);
  const directory = params.add(ctx.directoryId);
  if (filter === undefined) return `r."directoryId" = ${directory}${extraWhere}`;
  const ast = parseFilter(filter);
  const plan = { selectiveSubquery: false };
  const compiled = compileFilterSql(ast, { ...listCompileOptions(ctx, type), params, directoryId: ctx.directoryId, plan });
  // SQLite has no statistics to tell it that a directory is most of the table: when the filter
  // needs a match in an attribute table (`emails.value eq "…"`), taking the directory index out of
  // the running lets the few ids that subquery finds lead (see compileFilterSql).
  const scope = plan.selectiveSubquery ? emitter.withoutIndex(`r."directoryId"`) : `r."directoryId"`;
  return `${scope} = ${directory}${extraWhere} AND (${compiled.sql})`;
}

export function listTable(type: ResourceTypeName): string {
  return TABLES[type].table;
}

export async function listRows(ctx: ProvisioningContext, type: ResourceTypeName, query: ListQuery): Promise<ListPage<Record<string, unknown>>> {
  const { table } = TABLES[type];
  const compile = listCompileOptions(ctx, type);
  const emitter = sqlEmitter(ctx.db.kind);
  const params = new SqlParams(ctx.db.kind);
  const where = listWhere(ctx, type, query.filter, params);
  const sql = ctx.db.sql;
  const countAll = async () => Number((await sql.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM "${table}" r WHERE ${where}`, params.values))[0]?.n ?? 0);
  if (query.count <= 0) return { totalResults: await countAll(), startIndex: query.startIndex, items: [] };

  // A stable order is what makes startIndex paging consistent: creation time, then id as a tie-breaker.
  // RFC 7644 §3.4.2.3: missing values sort last ascending, first descending.
  // With a filter, SQLite (which has no statistics unless ANALYZE ran) would otherwise walk the
  // (directoryId, createdAt, id) index to avoid sorting and test every resource of the directory
  // against the filter; keeping that index out of the ORDER BY lets the filter's own index
  // (externalId, userNameKey, …) find the few matches, which are then sorted.
  const created = query.filter !== undefined ? emitter.withoutIndex(`r."createdAt"`) : `r."createdAt"`;
  const order = query.sortBy
    ? `${compileSortSql(query.sortBy, compile)} ${sortDirectionSql(query.sortOrder)}, r."id" ASC`
    : `${created} ASC, r."id" ASC`;
  const pageParams = params.copy();
  const limit = pageParams.add(query.count);
  const offset = pageParams.add(query.startIndex - 1);
  // Past the first page, the page's ids are found first and only those rows read: OFFSET otherwise
  // reads (and throws away) every row it skips, where the id subquery walks the index alone
  // (startIndex=90000 of 100,000 users: see npm run bench).
  const page = `FROM "${table}" r WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
  const items = await sql.query(
    query.startIndex > 1 ? `SELECT r.* FROM "${table}" r WHERE r."id" IN (SELECT r."id" ${page}) ORDER BY ${order}` : `SELECT r.* ${page}`,
    pageParams.values,
  );
  // A first page that is not full, or a later one that is neither empty nor full, is the last page, so
  // it tells the total without counting: a filter lookup (Entra's `userName eq "…"`, hit or miss) costs
  // one indexed query instead of two.
  const lastPage = items.length < query.count && (items.length > 0 || query.startIndex === 1);
  if (lastPage) return { totalResults: query.startIndex - 1 + items.length, startIndex: query.startIndex, items };
  return { totalResults: await countAll(), startIndex: query.startIndex, items };
}
