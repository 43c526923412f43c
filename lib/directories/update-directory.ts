import { getDb } from "@/lib/db/client";
import { DirectoryError } from "./errors";
import { parseInput } from "./parse-input";
import { deprovisionPolicySchema, directoryNameSchema } from "./schemas";

export interface UpdateDirectoryOptions {
  directoryId: string;
  name?: string;
  active?: boolean;
  deprovisionPolicy?: "erase" | "retain";
}

/** Deactivating takes effect on the next request: bearer checks read the directory's state every time. */
export async function updateDirectory({ directoryId, name, active, deprovisionPolicy }: UpdateDirectoryOptions) {
  const data = {
    ...(name !== undefined ? { name: parseInput(directoryNameSchema, name) } : {}),
    ...(active !== undefined ? { active } : {}),
    ...(deprovisionPolicy !== undefined ? { deprovisionPolicy: parseInput(deprovisionPolicySchema, deprovisionPolicy) } : {}),
  };
  const { count } = await getDb().directory.updateMany({ where: { id: directoryId }, data });
  if (count === 0) throw new DirectoryError("not_found", "Directory not found");
  return getDb().directory.findUniqueOrThrow({ where: { id: directoryId } });
}
