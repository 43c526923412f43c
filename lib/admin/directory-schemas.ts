// Validation of the directory forms, shared by their server actions (and their limits by the forms).
import { z } from "zod";

export const DIRECTORY_NAME_MAX = 100;

export const directoryNameSchema = z.string().trim().min(1, "Enter a name for the directory").max(DIRECTORY_NAME_MAX, `Use at most ${DIRECTORY_NAME_MAX} characters`);

/** A checkbox in FormData: "on" (or "true") when checked, absent otherwise. */
export const checkboxSchema = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => v === "on" || v === "true");

export const idSchema = z.string().trim().min(1, "Missing id").max(64, "Invalid id");

export const createDirectorySchema = z.object({
  name: directoryNameSchema,
  type: z.literal("scim", { message: "SCIM 2.0 is the only directory type" }),
  active: checkboxSchema,
});

export const renameDirectorySchema = z.object({ directoryId: idSchema, name: directoryNameSchema });

export const deprovisionPolicySchema = z.object({
  directoryId: idSchema,
  deprovisionPolicy: z.enum(["erase", "retain"], { message: "Choose erase or retain" }),
});

export const setActiveSchema = z.object({ directoryId: idSchema, active: z.enum(["true", "false"]).transform((v) => v === "true") });

export const deleteDirectorySchema = z.object({ directoryId: idSchema, confirmation: z.string() });

export const API_CLIENT_LABEL_MAX = 100;
export const createApiClientSchema = z.object({
  directoryId: idSchema,
  label: z.string().trim().max(API_CLIENT_LABEL_MAX, `Use at most ${API_CLIENT_LABEL_MAX} characters`).default(""),
});
export const revokeApiClientSchema = z.object({ directoryId: idSchema, apiClientId: idSchema });

/** Reads the named fields of a FormData as strings (absent → undefined), for zod to validate. */
export function formFields(formData: FormData, names: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of names) {
    const v = formData.get(name);
    out[name] = typeof v === "string" ? v : undefined;
  }
  return out;
}
