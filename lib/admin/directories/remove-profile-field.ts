import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { PROFILE_FIELD_PREFIX } from "@/lib/scim/schema";
import { AdminError } from "../errors";
import { parseInput } from "../parse-input";
import { removeProfileFieldSchema } from "./schemas";

export interface RemoveProfileFieldOptions {
  directoryId: string;
  profileFieldId: string;
  actor: AuditActor;
}

/** Removes the field only when it belongs to this directory. */
export async function removeProfileField(options: RemoveProfileFieldOptions): Promise<void> {
  const { directoryId, profileFieldId } = parseInput(removeProfileFieldSchema, options);
  await runInTransaction(getDb(), async (tx) => {
    const field = await tx.directoryProfileField.findFirst({ where: { id: profileFieldId, directoryId } });
    const { count } = await tx.directoryProfileField.deleteMany({ where: { id: profileFieldId, directoryId } });
    if (count === 0 || !field) throw new AdminError("not_found", "That profile field does not exist in this directory");
    await recordAudit(tx, {
      actor: options.actor,
      action: "profile_field.remove",
      target: { type: "profile_field", id: field.id, label: `${PROFILE_FIELD_PREFIX}${field.name}`, directoryId },
      before: { name: field.name, label: field.label },
    });
  });
}
