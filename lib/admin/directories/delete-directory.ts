import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { directoryNotFound } from "../errors";
import { directorySnapshot, recordDirectoryEvent } from "./directory-event";
import { parseInput } from "../parse-input";
import { deleteDirectorySchema } from "./schemas";

export interface DeleteDirectoryOptions {
  directoryId: string;
}

/**
 * Deletes the directory with everything in it. Its API clients, tokens, users, groups and profile fields
 * go by foreign-key cascade, so its tokens stop working on the very next request.
 */
export async function deleteDirectory(options: DeleteDirectoryOptions): Promise<void> {
  const { directoryId } = parseInput(deleteDirectorySchema, options);
  const db = getDb();
  await runInTransaction(db, async (tx) => {
    const last = await directorySnapshot(tx, directoryId);
    const { count } = await tx.directory.deleteMany({ where: { id: directoryId } });
    if (count === 0 || !last) throw directoryNotFound();
    // Rows that are deliberately not foreign-keyed to the directory (so the log survives resource deletes).
    await tx.activityLog.deleteMany({ where: { directoryId } });
    await tx.provisioningEvent.deleteMany({ where: { directoryId } });
    await tx.syncHealth.deleteMany({ where: { directoryId } });
    await tx.syncCycle.deleteMany({ where: { directoryId } });
    await tx.syncError.deleteMany({ where: { directoryId } });
    // The one event that outlives the directory: consumers learn that everything in it is gone.
    await recordDirectoryEvent(tx, db.kind, "directory.deleted", last);
  });
}
