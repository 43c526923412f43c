import { getDb } from "@/lib/db/client";
import { toDirectorySummary, type DirectorySummary } from "@/lib/directory-data";
import { countDirectory } from "./count-directory";
import { DirectoryReadError } from "./errors";

export interface GetDirectoryOptions {
  directoryId: string;
}

export const directorySelect = { id: true, name: true, type: true, active: true, lastActivityAt: true, createdAt: true } as const;

/** What a directory is, whether it is on, how big (users not deleted, groups) and when it last heard from its identity provider. */
export async function getDirectory({ directoryId }: GetDirectoryOptions): Promise<DirectorySummary> {
  const db = getDb().prisma;
  const directory = await db.directory.findUnique({ where: { id: directoryId }, select: directorySelect });
  if (!directory) throw new DirectoryReadError("not_found", `Directory ${directoryId} not found`);
  return toDirectorySummary(directory, await countDirectory({ directoryId }));
}
