import { toDirectoryGroup, type DirectoryGroup } from "@/lib/directory-data";
import { toGroupRecord } from "@/lib/provisioning/records";
import { SqlParams } from "@/lib/db/sql";
import { DirectoryReadError } from "./errors";
import { getDb } from "@/lib/db/client";

export interface GetGroupOptions {
  directoryId: string;
  groupId: string;
}

/** One group of the directory, without its members (page them with listUsers({ groupId })). */
export async function getGroup({ directoryId, groupId }: GetGroupOptions): Promise<DirectoryGroup> {
  const sql = getDb().sql;
  const p = new SqlParams(sql.kind);
  const rows = await sql.query(`SELECT * FROM "ScimGroup" WHERE "id" = ${p.add(groupId)} AND "directoryId" = ${p.add(directoryId)}`, p.values);
  if (!rows.length) throw new DirectoryReadError("not_found", `Group ${groupId} not found`);
  return toDirectoryGroup(toGroupRecord(rows[0]));
}
