// directory.* events: the directory as consuming applications see it, written in the admin change's
// own Prisma transaction by the one event writer (lib/events/record-events.ts).
import type { DbKind, Tx } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";
import { toDirectorySummary, type DirectorySummary } from "@/lib/directory-data/directory";
import { recordEvents } from "@/lib/events/record-events";

/** The directory with its counts, as the transaction sees it (undefined: no such directory). */
export async function directorySnapshot(tx: Tx, directoryId: string): Promise<DirectorySummary | undefined> {
  const directory = await tx.directory.findUnique({ where: { id: directoryId } });
  if (!directory) return undefined;
  const users = await tx.scimUser.count({ where: { directoryId, deletedAt: null } });
  const groups = await tx.scimGroup.count({ where: { directoryId } });
  return toDirectorySummary(directory, { users, groups });
}

export async function recordDirectoryEvent(tx: Tx, kind: DbKind, type: "directory.activated" | "directory.deactivated" | "directory.deleted", directory: DirectorySummary) {
  // The Prisma transaction's own connection, as the plain SQL the event writer speaks.
  const sql: Sql = { kind, query: (text, params = []) => tx.$queryRawUnsafe(text, ...params), execute: (text, params = []) => tx.$executeRawUnsafe(text, ...params) };
  await recordEvents(sql, { directoryId: directory.id }, [{ type, resourceId: directory.id, data: { directory } }]);
}
