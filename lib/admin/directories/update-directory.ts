import type { Directory } from "@/lib/db/generated/sqlite/client";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { directorySnapshot, recordDirectoryEvent } from "./directory-event";
import { directoryNotFound } from "../errors";
import { parseInput } from "../parse-input";
import { updateDirectorySchema } from "./schemas";

export interface UpdateDirectoryOptions {
  directoryId: string;
  name?: string;
  active?: boolean;
  deprovisionPolicy?: "erase" | "retain";
}

/**
 * Renames, (de)activates or sets the deprovision policy; absent fields are left as they are.
 * Deactivating takes effect on the next request: bearer checks read the directory's state every time.
 */
export async function updateDirectory(options: UpdateDirectoryOptions): Promise<Directory> {
  const { directoryId, ...data } = parseInput(updateDirectorySchema, options);
  const changes = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  const db = getDb();
  return runInTransaction(db, async (tx) => {
    const before = await tx.directory.findUnique({ where: { id: directoryId }, select: { active: true } });
    if (!before) throw directoryNotFound();
    if (Object.keys(changes).length) await tx.directory.update({ where: { id: directoryId }, data: changes });
    const directory = await tx.directory.findUnique({ where: { id: directoryId } });
    if (!directory) throw directoryNotFound();
    if (directory.active !== before.active) {
      const snapshot = await directorySnapshot(tx, directoryId);
      if (snapshot) await recordDirectoryEvent(tx, db.kind, directory.active ? "directory.activated" : "directory.deactivated", snapshot);
    }
    return directory;
  });
}
