import { SqlParams } from "@/lib/db/sql";
import { DirectoryReadError } from "./errors";
import { getDb } from "@/lib/db/client";

export interface RequireDirectoryOptions {
  directoryId: string;
}

/** Throws not_found unless the directory exists, so a listing of an unknown directory is a 404, not an empty page. */
export async function requireDirectory({ directoryId }: RequireDirectoryOptions): Promise<void> {
  const sql = getDb().sql;
  const p = new SqlParams(sql.kind);
  const rows = await sql.query(`SELECT 1 AS "found" FROM "Directory" WHERE "id" = ${p.add(directoryId)}`, p.values);
  if (!rows.length) throw new DirectoryReadError("not_found", `Directory ${directoryId} not found`);
}
