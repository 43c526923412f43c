import { SqlParams } from "@/lib/db/sql";
import { DirectoryReadError } from "./errors";
import { getDb } from "@/lib/db/client";

export interface FindGroupDirectoryOptions {
  groupId: string;
}

/**
 * Which directory a group belongs to, for the routes that name a group without its directory
 * (/api/v1/groups/{id}): the caller checks that directory against the key before reading anything
 * of the group, then reads it scoped by that directory.
 */
export async function findGroupDirectory({ groupId }: FindGroupDirectoryOptions): Promise<string> {
  const sql = getDb().sql;
  const p = new SqlParams(sql.kind);
  const rows = await sql.query<{ directoryId: string }>(`SELECT "directoryId" AS "directoryId" FROM "ScimGroup" WHERE "id" = ${p.add(groupId)}`, p.values);
  if (!rows.length) throw new DirectoryReadError("not_found", `Group ${groupId} not found`);
  return rows[0].directoryId;
}
