import type { Directory } from "@/lib/db/generated/sqlite/client";
import { getDb } from "@/lib/db/client";

export interface GetDirectoryOptions {
  directoryId: string;
}

export async function getDirectory({ directoryId }: GetDirectoryOptions): Promise<Directory | null> {
  if (typeof directoryId !== "string" || !directoryId) return null;
  return getDb().prisma.directory.findUnique({ where: { id: directoryId } });
}
