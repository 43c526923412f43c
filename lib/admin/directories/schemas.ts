// The one validation of each directory input, applied by the operations themselves (lib/admin/directories),
// so the console's server actions, the CLI and any API get the same rules and messages. Importable by
// client components for the limits (zod only, no database).
import { z } from "zod";
import { PROFILE_FIELD_PREFIX } from "@/lib/scim/schema";
import { idSchema } from "../id-schema";

// 200: the longest name either entry point ever accepted (the console once stopped at 100, the CLI at
// 200), so every stored name stays valid and can be renamed in the console.
export const DIRECTORY_NAME_MAX = 200;

export const directoryIdSchema = idSchema("directory");

export const directoryNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(DIRECTORY_NAME_MAX, `Use at most ${DIRECTORY_NAME_MAX} characters for the name`);

export const directoryTypeSchema = z.literal("scim", { error: 'The only directory type is "scim"' });

export const deprovisionPolicySchema = z.enum(["erase", "retain"], { error: 'The deprovision policy is "erase" or "retain"' });

const activeSchema = z.boolean({ error: "active must be true or false" });

export const createDirectorySchema = z.object({
  name: directoryNameSchema,
  active: activeSchema.default(false),
  type: directoryTypeSchema.default("scim"),
});

/** Rename, (de)activate and set the deprovision policy: each field optional, absent means unchanged. */
export const updateDirectorySchema = z.object({
  directoryId: directoryIdSchema,
  name: directoryNameSchema.optional(),
  active: activeSchema.optional(),
  deprovisionPolicy: deprovisionPolicySchema.optional(),
});

export const deleteDirectorySchema = z.object({ directoryId: directoryIdSchema });

export const MAX_PROFILE_FIELDS = 100;
export const PROFILE_FIELD_NAME_MAX = 64;
export const PROFILE_FIELD_LABEL_MAX = 100;

export const addProfileFieldSchema = z.object({
  directoryId: directoryIdSchema,
  // Accept the name with or without the prefix; store the part after it.
  name: z
    .string({ error: "Enter the field name" })
    .trim()
    .transform((v) => (v.toLowerCase().startsWith(PROFILE_FIELD_PREFIX.toLowerCase()) ? v.slice(PROFILE_FIELD_PREFIX.length) : v))
    .pipe(
      z
        .string()
        .min(1, "Enter the field name")
        .max(PROFILE_FIELD_NAME_MAX, `Use at most ${PROFILE_FIELD_NAME_MAX} characters`)
        .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "Start with a letter; use letters, digits and underscores only"),
    ),
  label: z.string({ error: "The label must be text" }).trim().max(PROFILE_FIELD_LABEL_MAX, `Use at most ${PROFILE_FIELD_LABEL_MAX} characters`).default(""),
});

export const removeProfileFieldSchema = z.object({ directoryId: directoryIdSchema, profileFieldId: idSchema("profile field") });
