// Expected profile fields of a directory: the custom attributes an identity provider is told to send
// as profileField_<name> (Entra: "Customize application attributes"). Stored in DirectoryProfileField.
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { PROFILE_FIELD_PREFIX } from "@/lib/scim/schema";
import { AdminInputError } from "./errors";

export const MAX_PROFILE_FIELDS = 100;

export const profileFieldInputSchema = z.object({
  // Accept the name with or without the prefix; store the part after it.
  name: z
    .string()
    .trim()
    .transform((v) => (v.toLowerCase().startsWith(PROFILE_FIELD_PREFIX.toLowerCase()) ? v.slice(PROFILE_FIELD_PREFIX.length) : v))
    .pipe(
      z
        .string()
        .min(1, "Enter the field name")
        .max(64, "Use at most 64 characters")
        .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "Start with a letter; use letters, digits and underscores only"),
    ),
  label: z.string().trim().max(100, "Use at most 100 characters").default(""),
});

export interface ProfileFieldRow {
  id: string;
  name: string;
  label: string;
  createdAt: Date;
}

export async function listProfileFields(directoryId: string): Promise<ProfileFieldRow[]> {
  return getDb().directoryProfileField.findMany({
    where: { directoryId },
    orderBy: [{ name: "asc" }],
    select: { id: true, name: true, label: true, createdAt: true },
  });
}

export interface AddProfileFieldOptions {
  directoryId: string;
  name: string;
  label?: string;
}

export async function addProfileField({ directoryId, ...input }: AddProfileFieldOptions): Promise<ProfileFieldRow> {
  const data = profileFieldInputSchema.parse(input);
  const db = getDb();
  if ((await db.directoryProfileField.count({ where: { directoryId } })) >= MAX_PROFILE_FIELDS) {
    throw new AdminInputError(`A directory can have at most ${MAX_PROFILE_FIELDS} profile fields`, "name");
  }
  try {
    return await db.directoryProfileField.create({
      data: { directoryId, name: data.name, label: data.label },
      select: { id: true, name: true, label: true, createdAt: true },
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AdminInputError(`${PROFILE_FIELD_PREFIX}${data.name} is already expected`, "name");
    throw e;
  }
}

export interface RemoveProfileFieldOptions {
  directoryId: string;
  profileFieldId: string;
}

/** Removes the field only when it belongs to this directory. */
export async function removeProfileField({ directoryId, profileFieldId }: RemoveProfileFieldOptions): Promise<void> {
  const { count } = await getDb().directoryProfileField.deleteMany({ where: { id: profileFieldId, directoryId } });
  if (count === 0) throw new AdminInputError("That profile field does not exist in this directory");
}
