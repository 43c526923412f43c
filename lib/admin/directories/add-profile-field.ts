// Expected profile fields of a directory: the custom attributes an identity provider is told to send
// as profileField_<name> (Entra: "Customize application attributes"). Stored in DirectoryProfileField.
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { runInTransaction } from "@/lib/db/transaction";
import { PROFILE_FIELD_PREFIX } from "@/lib/scim/schema";
import { AdminError, directoryNotFound } from "../errors";
import { parseInput } from "../parse-input";
import type { ProfileFieldRow } from "./list-profile-fields";
import { addProfileFieldSchema, MAX_PROFILE_FIELDS } from "./schemas";

export interface AddProfileFieldOptions {
  directoryId: string;
  /** With or without the profileField_ prefix. */
  name: string;
  label?: string;
  actor: AuditActor;
}

export async function addProfileField(options: AddProfileFieldOptions): Promise<ProfileFieldRow> {
  const { directoryId, name, label } = parseInput(addProfileFieldSchema, options);
  try {
    return await runInTransaction(getDb(), async (tx) => {
      if (!(await tx.directory.findUnique({ where: { id: directoryId }, select: { id: true } }))) throw directoryNotFound();
      if ((await tx.directoryProfileField.count({ where: { directoryId } })) >= MAX_PROFILE_FIELDS) {
        const message = `A directory can have at most ${MAX_PROFILE_FIELDS} profile fields`;
        throw new AdminError("invalid", message, { name: message });
      }
      const field = await tx.directoryProfileField.create({
        data: { directoryId, name, label },
        select: { id: true, name: true, label: true, createdAt: true },
      });
      await recordAudit(tx, {
        actor: options.actor,
        action: "profile_field.add",
        target: { type: "profile_field", id: field.id, label: `${PROFILE_FIELD_PREFIX}${field.name}`, directoryId },
        after: { name: field.name, label: field.label },
      });
      return field;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const message = `${PROFILE_FIELD_PREFIX}${name} is already expected`;
      throw new AdminError("invalid", message, { name: message });
    }
    throw e;
  }
}
