import { getDb } from "@/lib/db/client";
import { parseInput } from "./parse-input";
import { directoryNameSchema } from "./schemas";
import { DirectoryError } from "./errors";

export interface CreateDirectoryOptions {
  name: string;
  active?: boolean;
  type?: string;
}

export async function createDirectory({ name, active = false, type = "scim" }: CreateDirectoryOptions) {
  if (type !== "scim") throw new DirectoryError("invalid", 'The only directory type is "scim"');
  return getDb().directory.create({ data: { name: parseInput(directoryNameSchema, name), active, type } });
}
