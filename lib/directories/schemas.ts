// Validation of directory and API-client input, shared by the library functions (and available to the
// admin forms and the CLI, so every entry point applies the same rules and messages).
import { z } from "zod";

export const DIRECTORY_NAME_MAX = 200;
export const CLIENT_LABEL_MAX = 200;

export const directoryIdSchema = z.string({ error: "A directory id is required" }).trim().min(1, "A directory id is required").max(200, "Unknown directory id");

export const directoryNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(DIRECTORY_NAME_MAX, `Use at most ${DIRECTORY_NAME_MAX} characters for the name`);

export const directoryTypeSchema = z.literal("scim", { error: 'The only directory type is "scim"' });

export const deprovisionPolicySchema = z.enum(["erase", "retain"], { error: 'The deprovision policy is "erase" or "retain"' });

export const clientLabelSchema = z
  .string({ error: "The label must be text" })
  .trim()
  .max(CLIENT_LABEL_MAX, `Use at most ${CLIENT_LABEL_MAX} characters for the label`);

export const createDirectorySchema = z.object({
  name: directoryNameSchema,
  active: z.boolean({ error: "active must be true or false" }).default(false),
  type: directoryTypeSchema.default("scim"),
});

export const updateDirectorySchema = z.object({
  directoryId: directoryIdSchema,
  name: directoryNameSchema.optional(),
  active: z.boolean({ error: "active must be true or false" }).optional(),
  deprovisionPolicy: deprovisionPolicySchema.optional(),
});

export const createApiClientSchema = z.object({
  directoryId: directoryIdSchema,
  label: clientLabelSchema.default(""),
});

export const apiClientRefSchema = z.object({
  directoryId: directoryIdSchema,
  apiClientId: z.string({ error: "An API client id is required" }).trim().min(1, "An API client id is required").max(200, "Unknown API client id"),
});
