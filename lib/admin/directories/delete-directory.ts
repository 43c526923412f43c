import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { directoryNotFound } from "../errors";
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
  await runInTransaction(getDb(), async (tx) => {
    const { count } = await tx.directory.deleteMany({ where: { id: directoryId } });
    if (count === 0) throw directoryNotFound();
    // Rows that are deliberately not foreign-keyed to the directory (so the log survives resource deletes).
    await tx.activityLog.deleteMany({ where: { directoryId } });
    await tx.provisioningEvent.deleteMany({ where: { directoryId } });
  });
}
