import type { Directory } from "@/lib/db/generated/sqlite/client";
import { getDb } from "@/lib/db/client";
import { parseInput } from "../parse-input";
import { createDirectorySchema } from "./schemas";

export interface CreateDirectoryOptions {
  name: string;
  /** Inactive by default: Roster refuses a directory's tokens until an administrator activates it. */
  active?: boolean;
  /** Only "scim" exists today. */
  type?: string;
}

export async function createDirectory(options: CreateDirectoryOptions): Promise<Directory> {
  const { name, active, type } = parseInput(createDirectorySchema, options);
  return getDb().prisma.directory.create({ data: { name, active, type } });
}
