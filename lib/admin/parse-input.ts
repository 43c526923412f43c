import type { z } from "zod";
import { AdminError, fieldErrorsOf } from "./errors";

/**
 * Validates an operation's input with its schema (the one schema the console, the CLI and any API
 * share) and turns every problem into one readable AdminError("invalid"): the first message as its
 * message, and the first message per field for the console's form.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AdminError("invalid", result.error.issues[0]?.message ?? "Invalid input", fieldErrorsOf(result.error.issues));
}
