// The one validation of each API-client input, applied by the operations in lib/admin/api-clients and so
// shared by the console, the CLI and any API. Importable by client components for the limits.
import { z } from "zod";
import { directoryIdSchema } from "../directories/schemas";
import { idSchema } from "../id-schema";

// 200: the longest label either entry point ever accepted (the console once stopped at 100).
export const API_CLIENT_LABEL_MAX = 200;

export const apiClientLabelSchema = z
  .string({ error: "The label must be text" })
  .trim()
  .max(API_CLIENT_LABEL_MAX, `Use at most ${API_CLIENT_LABEL_MAX} characters for the label`);

export const createApiClientSchema = z.object({
  directoryId: directoryIdSchema,
  label: apiClientLabelSchema.default(""),
});

/** A client of a directory, by its row id or its public client id (roster_…). */
export const apiClientRefSchema = z.object({
  directoryId: directoryIdSchema,
  apiClientId: idSchema("API client"),
});

export const rotateApiClientSchema = apiClientRefSchema.extend({
  /** The replacement's label; the old client's label when absent. */
  label: apiClientLabelSchema.optional(),
});
