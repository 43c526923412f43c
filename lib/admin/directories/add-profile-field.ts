// Expected profile fields of a directory: the custom attributes an identity provider is told to send
// as profileField_<name> (Entra: "Customize application attributes"). Stored in DirectoryProfileField.
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
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
}

export async function addProfileField(options: AddProfileFieldOptions): Promise<ProfileFieldRow> {
  const { directoryId, name, label } = parseInput(addProfileFieldSchema, options);
  const db = getDb();
  if (!(await db.prisma.directory.findUnique({ where: { id: directoryId }, select: { id: true } }))) throw directoryNotFound();
  if ((await db.prisma.directoryProfileField.count({ where: { directoryId } })) >= MAX_PROFILE_FIELDS) {
    const message = `A directory can have at most ${MAX_PROFILE_FIELDS} profile fields`;
    throw new AdminError("invalid", message, { name: message });
  }
  try {
    return await db.prisma.directoryProfileField.create({
      data: { directoryId, name, label },
      select: { id: true, name: true, label: true, createdAt: true },
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const message = `${PROFILE_FIELD_PREFIX}${name} is already expected`;
      throw new AdminError("invalid", message, { name: message });
    }
    throw e;
  }
}
