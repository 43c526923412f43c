// POST /.search at the service provider root (RFC 7644 §3.4.3): one ListResponse over users and
// groups. Both tables are read in ONE ordered query (UNION ALL), so paging and sortBy hold across types.
import { byIdScope, SqlParams } from "@/lib/db/sql";
import { ScimError } from "@/lib/scim/errors";
import { compileSortSql, sortDirectionSql } from "@/lib/scim/filter/compile-filter-sql";
import type { ResourceTypeName } from "@/lib/scim/schema";
import type { ProvisioningContext } from "./context";
import { loadMembers } from "./group-storage";
import { listCompileOptions, listTable, listWhere, type ListPage, type ListQuery } from "./list-query";
import { toGroupRecord, toUserRecord, type GroupRecord, type MemberRecord, type UserRecord } from "./records";

export interface SearchResourcesOptions {
  ctx: ProvisioningContext;
  query: ListQuery;
  /** false when members are not asked for: then they are not loaded. */
  withMembers: boolean;
}

export type FoundResource = { type: "User"; user: UserRecord } | { type: "Group"; group: GroupRecord; members?: MemberRecord[] };

const TYPES: ResourceTypeName[] = ["User", "Group"];

interface Part {
  type: ResourceTypeName;
  rank: number;
  where: string;
  sortKey: string;
}

/**
 * A filter or sortBy naming an attribute one type lacks (`userName` on groups) leaves that type out
 * of the filter's matches or its values unset for the sort; one that no type can evaluate is the
 * client's error, answered as for a single type.
 */
function parts(ctx: ProvisioningContext, query: ListQuery): { found: Part[]; params: SqlParams } {
  let params = new SqlParams(ctx.db.kind);
  const found: Part[] = [];
  let filterError: unknown;
  let sortError: unknown;
  let sortable = 0;
  TYPES.forEach((type, rank) => {
    const attempt = params.copy();
    let where: string;
    try {
      where = listWhere(ctx, type, query.filter, attempt);
    } catch (e) {
      if (!(e instanceof ScimError)) throw e;
      filterError ??= e;
      return;
    }
    let sortKey = "NULL";
    if (query.sortBy) {
      try {
        sortKey = compileSortSql(query.sortBy, listCompileOptions(ctx, type));
        sortable++;
      } catch (e) {
        if (!(e instanceof ScimError)) throw e;
        sortError ??= e;
      }
    }
    params = attempt;
    found.push({ type, rank, where, sortKey });
  });
  if (!found.length) throw filterError;
  if (query.sortBy && !sortable && sortError) throw sortError;
  return { found, params };
}

async function readRows(ctx: ProvisioningContext, type: ResourceTypeName, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  if (!ids.length) return new Map();
  const params = new SqlParams(ctx.db.kind);
  const directory = params.add(ctx.directoryId);
  const rows = await ctx.db.sql.query<Record<string, unknown>>(`SELECT * FROM "${listTable(type)}" WHERE ${byIdScope(ctx.db.kind)} = ${directory} AND "id" IN ${params.list(ids)}`, params.values);
  return new Map(rows.map((r) => [String(r.id), r]));
}

/** Users then groups, each in creation order; with sortBy, one order over both (RFC 7644 §3.4.2.3). */
export async function searchResources({ ctx, query, withMembers }: SearchResourcesOptions): Promise<ListPage<FoundResource>> {
  const { found, params } = parts(ctx, query);
  const sql = ctx.db.sql;
  const union = found
    .map((p) => `SELECT ${p.rank} AS "rank", r."id" AS "id", ${p.sortKey} AS "sortKey", r."createdAt" AS "createdAt" FROM "${listTable(p.type)}" r WHERE ${p.where}`)
    .join(" UNION ALL ");
  const counted = await sql.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM (${union}) x`, params.values);
  const totalResults = Number(counted[0]?.n ?? 0);
  if (query.count <= 0) return { totalResults, startIndex: query.startIndex, items: [] };
  const order = query.sortBy ? `"sortKey" ${sortDirectionSql(query.sortOrder)}, "rank", "createdAt", "id"` : `"rank", "createdAt", "id"`;
  const pageParams = params.copy();
  const limit = pageParams.add(query.count);
  const offset = pageParams.add(query.startIndex - 1);
  const page = await sql.query<{ rank: unknown; id: unknown }>(`SELECT "rank", "id" FROM (${union}) x ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, pageParams.values);
  const ids = (type: ResourceTypeName) => page.filter((p) => TYPES[Number(p.rank)] === type).map((p) => String(p.id));
  const [users, groups] = await Promise.all([readRows(ctx, "User", ids("User")), readRows(ctx, "Group", ids("Group"))]);
  const members = withMembers ? await loadMembers(sql, ctx, [...groups.keys()]) : undefined;
  const items: FoundResource[] = [];
  for (const p of page) {
    const id = String(p.id);
    if (TYPES[Number(p.rank)] === "User") {
      const row = users.get(id);
      if (row) items.push({ type: "User", user: toUserRecord(row) });
    } else {
      const row = groups.get(id);
      if (row) items.push({ type: "Group", group: toGroupRecord(row), members: members ? (members.get(id) ?? []) : undefined });
    }
  }
  return { totalResults, startIndex: query.startIndex, items };
}
