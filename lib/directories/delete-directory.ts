import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { DirectoryError } from "./errors";

export interface DeleteDirectoryOptions {
  directoryId: string;
}

/** Deletes the directory with everything in it; its clients and tokens stop working at once. */
export async function deleteDirectory({ directoryId }: DeleteDirectoryOptions) {
  await runInTransaction(getDb(), async (tx) => {
    const { count } = await tx.directory.deleteMany({ where: { id: directoryId } });
    if (count === 0) throw new DirectoryError("not_found", "Directory not found");
    // Rows that are not foreign-keyed to the directory (kept apart so the log survives resource deletes).
    await tx.activityLog.deleteMany({ where: { directoryId } });
    await tx.provisioningEvent.deleteMany({ where: { directoryId } });
  });
}
