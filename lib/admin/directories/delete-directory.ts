import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";
import { inTransaction } from "@/lib/db/transaction";
import { keepFeedPositions } from "@/lib/events/feed-state";
import { directoryNotFound } from "../errors";
import { directorySnapshot, readDirectory, recordDirectoryEvent } from "./directory-event";
import { parseInput } from "../parse-input";
import { deleteDirectorySchema } from "./schemas";

export interface DeleteDirectoryOptions {
  directoryId: string;
  actor: AuditActor;
}

/** Rows that are deliberately not foreign-keyed to the directory (so the log survives resource deletes). */
const UNLINKED_TABLES = ["ActivityLog", "ProvisioningEvent", "SyncHealth", "SyncCycle", "SyncError"];

/**
 * Deletes the directory with everything in it. Its API clients, tokens, users, groups and profile fields
 * go by foreign-key cascade, so its tokens stop working on the very next request.
 */
export async function deleteDirectory(options: DeleteDirectoryOptions): Promise<void> {
  const { directoryId } = parseInput(deleteDirectorySchema, options);
  await inTransaction(getDb(), async (tx) => {
    const directory = await readDirectory(tx, directoryId, "delete");
    if (!directory) throw directoryNotFound();
    const last = await directorySnapshot(tx, directory);
    const p = new SqlParams(tx.kind);
    const id = p.add(directoryId);
    await keepFeedPositions(tx);
    await tx.execute(`DELETE FROM "Directory" WHERE "id" = ${id}`, p.values);
    for (const table of UNLINKED_TABLES) await tx.execute(`DELETE FROM "${table}" WHERE "directoryId" = ${id}`, p.values);
    // The one event that outlives the directory: consumers learn that everything in it is gone.
    await recordDirectoryEvent(tx, "directory.deleted", last);
    await recordAudit(tx, {
      actor: options.actor,
      action: "directory.delete",
      target: { type: "directory", id: directoryId, label: last.name, directoryId },
      before: { name: last.name, type: last.type, active: last.active, users: last.counts.users, groups: last.counts.groups },
    });
  });
}
