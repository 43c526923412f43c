// Shared SQL for listing users or groups (RFC 7644 §3.4.2): the filter and sort are compiled to SQL and
// run by the database, with the directory scope always first in the WHERE clause.
import type { ResourceTypeName } from "@/lib/scim/schema";
import { compileFilterSql, compileSortSql, sortDirectionSql } from "@/lib/scim/filter/compile-filter-sql";
import { parseFilter } from "@/lib/scim/filter/parse-filter";
import { bind, type ProvisioningContext } from "./context";

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

export async function listRows(ctx: ProvisioningContext, type: ResourceTypeName, query: ListQuery): Promise<ListPage<Record<string, unknown>>> {
  const { table, extraWhere } = TABLES[type];
  const params: unknown[] = [];
  let where = `r."directoryId" = ${bind(ctx, params, ctx.directoryId)}${extraWhere}`;
  if (query.filter !== undefined) {
    const ast = parseFilter(query.filter);
    where += ` AND (${compileFilterSql(ast, { resourceType: type, dialect: ctx.dbKind, alias: "r", params }).sql})`;
  }
  const countRows = await ctx.db.$queryRawUnsafe<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM "${table}" r WHERE ${where}`, ...params);
  const totalResults = Number(countRows[0]?.n ?? 0);
  if (query.count <= 0 || totalResults < query.startIndex) return { totalResults, startIndex: query.startIndex, items: [] };

  // A stable order is what makes startIndex paging consistent: creation time, then id as a tie-breaker.
  // RFC 7644 §3.4.2.3: missing values sort last ascending, first descending.
  const order = query.sortBy
    ? `${compileSortSql(query.sortBy, type, ctx.dbKind, "r")} ${sortDirectionSql(query.sortOrder)}, r."id" ASC`
    : `r."createdAt" ASC, r."id" ASC`;
  const pageParams = [...params];
  const limit = bind(ctx, pageParams, query.count);
  const offset = bind(ctx, pageParams, query.startIndex - 1);
  const items = await ctx.db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT r.* FROM "${table}" r WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    ...pageParams,
  );
  return { totalResults, startIndex: query.startIndex, items };
}
