import type { Directory } from "@/lib/db/generated/sqlite/client";
import { getDb } from "@/lib/db/client";
import { assignments, SqlParams } from "@/lib/db/sql";
import { inTransaction } from "@/lib/db/transaction";
import { directorySnapshot, readDirectory, recordDirectoryEvent } from "./directory-event";
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
  const { directoryId, name, active, deprovisionPolicy } = parseInput(updateDirectorySchema, options);
  return inTransaction(getDb(), async (tx) => {
    const before = await readDirectory(tx, directoryId, "update");
    if (!before) throw directoryNotFound();
    const p = new SqlParams(tx.kind);
    const set: Record<string, string> = {};
    if (name !== undefined) set.name = p.add(name);
    if (active !== undefined) set.active = p.bool(active);
    if (deprovisionPolicy !== undefined) set.deprovisionPolicy = p.add(deprovisionPolicy);
    if (!Object.keys(set).length) return before;
    const updatedAt = new Date();
    await tx.execute(`UPDATE "Directory" SET ${assignments({ ...set, updatedAt: p.add(updatedAt) })} WHERE "id" = ${p.add(directoryId)}`, p.values);
    const directory: Directory = { ...before, name: name ?? before.name, active: active ?? before.active, deprovisionPolicy: deprovisionPolicy ?? before.deprovisionPolicy, updatedAt };
    if (directory.active !== before.active) {
      await recordDirectoryEvent(tx, directory.active ? "directory.activated" : "directory.deactivated", await directorySnapshot(tx, directory));
    }
    return directory;
  });
}
