import { randomUUID } from "node:crypto";
import type { Directory } from "@/lib/db/generated/sqlite/client";
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { insertInto, SqlParams } from "@/lib/db/sql";
import { inTransaction } from "@/lib/db/transaction";
import { toDirectorySummary } from "@/lib/directory-data/directory";
import { directoryAuditValues } from "./directory-audit";
import { recordDirectoryEvent } from "./directory-event";
import { parseInput } from "../parse-input";
import { createDirectorySchema } from "./schemas";

export interface CreateDirectoryOptions {
  name: string;
  /** Inactive by default: Roster refuses a directory's tokens until an administrator activates it. */
  active?: boolean;
  /** Only "scim" exists today. */
  type?: string;
  actor: AuditActor;
}

/** Creates the directory, its directory.created event and its audit row, in one transaction. */
export async function createDirectory(options: CreateDirectoryOptions): Promise<Directory> {
  const { name, active, type } = parseInput(createDirectorySchema, options);
  const now = new Date();
  const directory: Directory = { id: randomUUID(), name, type, active, deprovisionPolicy: "erase", createdAt: now, updatedAt: now, lastActivityAt: null };
  return inTransaction(getDb(), async (tx) => {
    const p = new SqlParams(tx.kind);
    const { id, deprovisionPolicy, createdAt, updatedAt } = directory;
    await tx.execute(
      insertInto("Directory", { id: p.add(id), name: p.add(name), type: p.add(type), active: p.bool(active), deprovisionPolicy: p.add(deprovisionPolicy), createdAt: p.add(createdAt), updatedAt: p.add(updatedAt) }),
      p.values,
    );
    // A new directory has no users or groups yet.
    await recordDirectoryEvent(tx, "directory.created", toDirectorySummary(directory, { users: 0, groups: 0 }));
    await recordAudit(tx, {
      actor: options.actor,
      action: "directory.create",
      target: { type: "directory", id, label: name, directoryId: id },
      after: directoryAuditValues(directory),
    });
    return directory;
  });
}
