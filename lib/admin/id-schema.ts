import { z } from "zod";

/** The id of a row named in an admin input (a directory, an API client, an admin, a profile field). */
export function idSchema(what: string) {
  return z
    .string({ error: `A ${what} id is required` })
    .trim()
    .min(1, `A ${what} id is required`)
    .max(200, `Unknown ${what} id`);
}
