import { toDirectoryGroup, type DirectoryGroup } from "@/lib/directory-data";
import { toGroupRecord } from "@/lib/provisioning/records";
import { SqlParams } from "@/lib/db/sql";
import { DirectoryReadError } from "./errors";
import { decodeKeysetCursor, keysetPage } from "./keyset-cursor";
import { getDb } from "@/lib/db/client";

export interface ListGroupsOptions {
  directoryId: string;
  cursor?: string;
  limit: number;
}

/** A page of the directory's groups (without members) by creation, on ScimGroup (directoryId, createdAt, id). */
export async function listGroups({ directoryId, cursor, limit }: ListGroupsOptions): Promise<{ data: DirectoryGroup[]; next: string | null }> {
  const sql = getDb().sql;
  const p = new SqlParams(sql.kind);
  let after = "";
  if (cursor) {
    const position = decodeKeysetCursor("groups", cursor);
    if (!position.at) throw new DirectoryReadError("invalid_cursor", "The cursor is not one this listing returned");
    after = ` AND ("createdAt", "id") > (${p.add(position.at)}, ${p.add(position.id)})`;
  }
  const rows = await sql.query(
    `SELECT * FROM "ScimGroup" WHERE "directoryId" = ${p.add(directoryId)}${after} ORDER BY "createdAt" ASC, "id" ASC LIMIT ${p.add(limit + 1)}`,
    p.values,
  );
  const { page, next } = keysetPage(rows.map(toGroupRecord), limit, "groups", (g) => ({ at: g.createdAt, id: g.id }));
  return { data: page.map(toDirectoryGroup), next };
}
