import { toDirectoryUser, type DirectoryUser } from "@/lib/directory-data";
import { toUserRecord } from "@/lib/provisioning/records";
import { SqlParams } from "@/lib/db/sql";
import { DirectoryReadError } from "./errors";
import { decodeKeysetCursor, keysetPage, type KeysetOrder } from "./keyset-cursor";
import { loadUserGroups } from "./load-user-groups";
import { getDb } from "@/lib/db/client";

export interface ListUsersOptions {
  directoryId: string;
  cursor?: string;
  limit: number;
  /** Only members of this group (of the same directory). */
  groupId?: string;
  active?: boolean;
  /** Only users whose last change is at or after this time. */
  updatedSince?: Date;
}

export interface UserPage {
  data: DirectoryUser[];
  next: string | null;
}

/**
 * A page of a directory's users (deleted ones, kept by the "retain" policy, are not listed), in one of
 * three index-backed orders:
 * - by creation (createdAt, id), on ScimUser (directoryId, createdAt, id, deletedAt);
 * - with updatedSince, by last change (updatedAt, id), on ScimUser (directoryId, updatedAt, id): a user
 *   changed while a consumer pages moves behind its cursor and so comes again, with its new values;
 *   none is skipped;
 * - with groupId, by user id, on the member table's primary key (groupId, userId).
 */
export async function listUsers(options: ListUsersOptions): Promise<UserPage> {
  const { directoryId, limit } = options;
  const sql = getDb().sql;
  const p = new SqlParams(sql.kind);
  const where: string[] = [`u."directoryId" = ${p.add(directoryId)}`, `u."deletedAt" IS NULL`];
  if (options.active !== undefined) where.push(`u."active" = ${p.bool(options.active)}`);
  if (options.updatedSince) where.push(`u."updatedAt" >= ${p.add(options.updatedSince)}`);

  let order: KeysetOrder;
  let from = `"ScimUser" u`;
  let orderBy: string;
  if (options.groupId) {
    const g = new SqlParams(sql.kind);
    const group = await sql.query(`SELECT 1 AS "found" FROM "ScimGroup" WHERE "id" = ${g.add(options.groupId)} AND "directoryId" = ${g.add(directoryId)}`, g.values);
    if (!group.length) throw new DirectoryReadError("not_found", `Group ${options.groupId} not found in this directory`);
    order = "members";
    from = `"ScimGroupMember" m JOIN "ScimUser" u ON u."id" = m."userId"`;
    where.push(`m."groupId" = ${p.add(options.groupId)}`, `m."directoryId" = ${p.add(directoryId)}`);
    if (options.cursor) {
      const after = decodeKeysetCursor(order, options.cursor).id;
      // Said of both sides of the join, so PostgreSQL's merge join starts both index scans at the cursor.
      where.push(`m."userId" > ${p.add(after)}`, `u."id" > ${p.add(after)}`);
    }
    orderBy = `m."userId" ASC`;
  } else {
    order = options.updatedSince ? "users-updated" : "users";
    const column = options.updatedSince ? "updatedAt" : "createdAt";
    if (options.cursor) {
      const at = decodeKeysetCursor(order, options.cursor);
      if (!at.at) throw new DirectoryReadError("invalid_cursor", "The cursor is not one this listing returned");
      where.push(`(u."${column}", u."id") > (${p.add(at.at)}, ${p.add(at.id)})`);
    }
    orderBy = `u."${column}" ASC, u."id" ASC`;
  }
  const rows = await sql.query(`SELECT u.* FROM ${from} WHERE ${where.join(" AND ")} ORDER BY ${orderBy} LIMIT ${p.add(limit + 1)}`, p.values);
  const users = rows.map(toUserRecord);
  const { page, next } = keysetPage(users, limit, order, (u) => (order === "members" ? { id: u.id } : { at: order === "users" ? u.createdAt : u.updatedAt, id: u.id }));
  const groups = await loadUserGroups({ sql, directoryId, userIds: page.map((u) => u.id) });
  return { data: page.map((u) => toDirectoryUser(u, groups.get(u.id) ?? [])), next };
}
