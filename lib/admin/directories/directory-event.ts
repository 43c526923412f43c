// directory.* events: the directory as consuming applications see it, read and recorded in the admin
// change's own plain-SQL transaction (inTransaction), by the one event writer (lib/events/record-events.ts).
import type { Directory } from "@/lib/db/generated/sqlite/client";
import { rowLock, SqlParams, type RowLock, type Sql } from "@/lib/db/sql";
import { toDirectorySummary, type DirectorySummary } from "@/lib/directory-data/directory";
import { recordEvents } from "@/lib/events/record-events";
import { toBool, toDate } from "@/lib/provisioning/records";

export type DirectoryEventType = "directory.created" | "directory.activated" | "directory.deactivated" | "directory.deleted";

/** The directory row (undefined: no such directory); `lock` holds it until the transaction ends. */
export async function readDirectory(tx: Sql, directoryId: string, lock?: RowLock): Promise<Directory | undefined> {
  const p = new SqlParams(tx.kind);
  const [row] = await tx.query(`SELECT * FROM "Directory" WHERE "id" = ${p.add(directoryId)}${rowLock(tx.kind, lock)}`, p.values);
  if (!row) return undefined;
  return {
    id: String(row.id),
    name: String(row.name),
    type: String(row.type),
    active: toBool(row.active),
    deprovisionPolicy: String(row.deprovisionPolicy),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
    lastActivityAt: row.lastActivityAt === null || row.lastActivityAt === undefined ? null : toDate(row.lastActivityAt),
  };
}

/** The directory with its counts, as the transaction sees it. */
export async function directorySnapshot(tx: Sql, directory: Directory): Promise<DirectorySummary> {
  const p = new SqlParams(tx.kind);
  const id = p.add(directory.id);
  const [counts] = await tx.query<{ users: unknown; groups: unknown }>(
    `SELECT (SELECT COUNT(*) FROM "ScimUser" WHERE "directoryId" = ${id} AND "deletedAt" IS NULL) AS "users",
            (SELECT COUNT(*) FROM "ScimGroup" WHERE "directoryId" = ${p.add(directory.id)}) AS "groups"`,
    p.values,
  );
  return toDirectorySummary(directory, { users: Number(counts.users), groups: Number(counts.groups) });
}

export async function recordDirectoryEvent(tx: Sql, type: DirectoryEventType, directory: DirectorySummary): Promise<void> {
  await recordEvents(tx, { directoryId: directory.id }, [{ type, resourceId: directory.id, data: { directory } }]);
}
