// Users as consuming applications see them, with their groups, read by id in bounded statements
// (inside a transaction when an event is written, so the data is the change's own state).
import { toUserRecord } from "@/lib/provisioning/records";
import { byIdScope, chunks, SqlParams, type Sql } from "@/lib/db/sql";
import { toDirectoryUser, type DirectoryGroupRef, type DirectoryUser } from "./directory-user";

const CHUNK = 500;

export interface LoadDirectoryUsersOptions {
  sql: Sql;
  directoryId: string;
  userIds: readonly string[];
}

/** The users found (retained deleted users included), by id; ids of no user are absent. */
export async function loadDirectoryUsers({ sql, directoryId, userIds }: LoadDirectoryUsersOptions): Promise<Map<string, DirectoryUser>> {
  const out = new Map<string, DirectoryUser>();
  for (const part of chunks([...new Set(userIds)], CHUNK)) {
    const u = new SqlParams(sql.kind);
    // Both reads in one flight (PostgreSQL pipelines a transaction's statements): the groups of every
    // id asked for, of which only the users found are kept.
    const [rows, groups] = await Promise.all([
      sql.query(`SELECT * FROM "ScimUser" WHERE ${byIdScope(sql.kind)} = ${u.add(directoryId)} AND "id" IN ${u.list(part)}`, u.values),
      loadGroupRefs(sql, directoryId, part),
    ]);
    for (const row of rows) {
      const record = toUserRecord(row);
      out.set(record.id, toDirectoryUser(record, groups.get(record.id) ?? []));
    }
  }
  return out;
}

/** The groups (id, displayName) of each user, by displayName. */
export async function loadGroupRefs(sql: Sql, directoryId: string, userIds: string[]): Promise<Map<string, DirectoryGroupRef[]>> {
  const byUser = new Map<string, DirectoryGroupRef[]>();
  const p = new SqlParams(sql.kind);
  const rows = await sql.query<{ userId: string; id: string; displayName: string }>(
    `SELECT m."userId" AS "userId", g."id" AS "id", g."displayName" AS "displayName"
       FROM "ScimGroupMember" m JOIN "ScimGroup" g ON g."id" = m."groupId"
      WHERE m."directoryId" = ${p.add(directoryId)} AND m."userId" IN ${p.list(userIds)}
      ORDER BY g."displayName", g."id"`,
    p.values,
  );
  for (const r of rows) {
    const list = byUser.get(r.userId) ?? [];
    list.push({ id: r.id, displayName: r.displayName });
    byUser.set(r.userId, list);
  }
  return byUser;
}
