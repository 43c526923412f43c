// Validation of API-key input, shared by the library functions, the console's server actions and the CLI.
import { z } from "zod";
import { directoryIdSchema } from "../directories/schemas";
import { idSchema } from "../id-schema";

export const API_KEY_NAME_MAX = 100;
/** More directories than anyone lists by hand; it bounds the key's row. */
export const API_KEY_DIRECTORIES_MAX = 100;

export const apiKeyNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name for the key (e.g. the application that uses it)")
  .max(API_KEY_NAME_MAX, `Use at most ${API_KEY_NAME_MAX} characters for the name`);


export const createApiKeySchema = z.object({
  name: apiKeyNameSchema,
  /** Empty: every directory, including those created later. */
  directoryIds: z
    .array(directoryIdSchema)
    .max(API_KEY_DIRECTORIES_MAX, `Restrict a key to at most ${API_KEY_DIRECTORIES_MAX} directories`)
    .default([])
    .transform((ids) => [...new Set(ids)]),
});

export const revokeApiKeySchema = z.object({ apiKeyId: idSchema("API key") });
