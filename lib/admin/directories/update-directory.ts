import type { Directory } from "@/lib/db/generated/sqlite/client";
import { getDb } from "@/lib/db/client";
import { directoryNotFound } from "../errors";
import { parseInput } from "../parse-input";
import { updateDirectorySchema } from "./schemas";

export interface UpdateDirectoryOptions {
  directoryId: string;
  name?: string;
  active?: boolean;
  deprovisionPolicy?: "erase" | "retain";
}

/**
 * Renames, (de)activates or sets the deprovision policy; absent fields are left as they are.
 * Deactivating takes effect on the next request: bearer checks read the directory's state every time.
 */
export async function updateDirectory(options: UpdateDirectoryOptions): Promise<Directory> {
  const { directoryId, ...data } = parseInput(updateDirectorySchema, options);
  const db = getDb().prisma;
  const changes = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length) {
    const { count } = await db.directory.updateMany({ where: { id: directoryId }, data: changes });
    if (count === 0) throw directoryNotFound();
  }
  const directory = await db.directory.findUnique({ where: { id: directoryId } });
  if (!directory) throw directoryNotFound();
  return directory;
}
