import type { z } from "zod";
import { DirectoryError } from "./errors";

/** Validates with zod and turns the first problem into a readable DirectoryError("invalid"). */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new DirectoryError("invalid", result.error.issues[0]?.message ?? "Invalid input");
  return result.data;
}
