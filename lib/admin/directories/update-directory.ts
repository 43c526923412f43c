import type { Directory } from "@/lib/db/generated/sqlite/client";
import type { AuditActor } from "@/lib/audit/actor";
import type { AuditAction } from "@/lib/audit/audit-actions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { assignments, SqlParams } from "@/lib/db/sql";
import { inTransaction } from "@/lib/db/transaction";
import { directorySnapshot, readDirectory, recordDirectoryEvent } from "./directory-event";
import { directoryNotFound } from "../errors";
import { directoryAuditValues } from "./directory-audit";
import { parseInput } from "../parse-input";
import { updateDirectorySchema } from "./schemas";

export interface UpdateDirectoryOptions {
  directoryId: string;
  name?: string;
  active?: boolean;
  deprovisionPolicy?: "erase" | "retain";
  actor: AuditActor;
}

/** The audit action of a change: the one setting it changed, or "directory.update" for several at once. */
function auditAction(changed: string[], active: boolean): AuditAction {
  if (changed.length > 1) return "directory.update";
  if (changed[0] === "name") return "directory.rename";
  if (changed[0] === "deprovisionPolicy") return "directory.set_deprovision_policy";
  return active ? "directory.activate" : "directory.deactivate";
}

/**
 * Renames, (de)activates or sets the deprovision policy; absent fields are left as they are.
 * Deactivating takes effect on the next request: bearer checks read the directory's state every time.
 * A change is audited with the settings before and after; asking for what is already so changes nothing
 * and writes no audit row.
 */
export async function updateDirectory(options: UpdateDirectoryOptions): Promise<Directory> {
  const { directoryId, name, active, deprovisionPolicy } = parseInput(updateDirectorySchema, options);
  return inTransaction(getDb(), async (tx) => {
    const before = await readDirectory(tx, directoryId, "update");
    if (!before) throw directoryNotFound();
    const p = new SqlParams(tx.kind);
    const set: Record<string, string> = {};
    if (name !== undefined && name !== before.name) set.name = p.add(name);
    if (active !== undefined && active !== before.active) set.active = p.bool(active);
    if (deprovisionPolicy !== undefined && deprovisionPolicy !== before.deprovisionPolicy) set.deprovisionPolicy = p.add(deprovisionPolicy);
    if (!Object.keys(set).length) return before;
    const updatedAt = new Date();
    await tx.execute(`UPDATE "Directory" SET ${assignments({ ...set, updatedAt: p.add(updatedAt) })} WHERE "id" = ${p.add(directoryId)}`, p.values);
    const directory: Directory = { ...before, name: name ?? before.name, active: active ?? before.active, deprovisionPolicy: deprovisionPolicy ?? before.deprovisionPolicy, updatedAt };
    if (directory.active !== before.active) {
      await recordDirectoryEvent(tx, directory.active ? "directory.activated" : "directory.deactivated", await directorySnapshot(tx, directory));
    }
    await recordAudit(tx, {
      actor: options.actor,
      action: auditAction(Object.keys(set), directory.active),
      target: { type: "directory", id: directoryId, label: directory.name, directoryId },
      before: directoryAuditValues(before),
      after: directoryAuditValues(directory),
    });
    return directory;
  });
}
