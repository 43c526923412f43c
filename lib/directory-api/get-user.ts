import { toDirectoryUser, type DirectoryUser } from "@/lib/directory-data";
import { toUserRecord } from "@/lib/provisioning/records";
import { SqlParams } from "@/lib/db/sql";
import { DirectoryReadError } from "./errors";
import { loadUserGroups } from "./load-user-groups";
import { getDb } from "@/lib/db/client";

export interface GetUserOptions {
  directoryId: string;
  userId: string;
}

/** One user of the directory with its groups; a deleted (retained) user is not found, as in SCIM. */
export async function getUser({ directoryId, userId }: GetUserOptions): Promise<DirectoryUser> {
  const sql = getDb().sql;
  const p = new SqlParams(sql.kind);
  const rows = await sql.query(`SELECT * FROM "ScimUser" WHERE "id" = ${p.add(userId)} AND "directoryId" = ${p.add(directoryId)} AND "deletedAt" IS NULL`, p.values);
  if (!rows.length) throw new DirectoryReadError("not_found", `User ${userId} not found in this directory`);
  const user = toUserRecord(rows[0]);
  const groups = await loadUserGroups({ sql, directoryId, userIds: [user.id] });
  return toDirectoryUser(user, groups.get(user.id) ?? []);
}
