import { getDb } from "@/lib/db/client";
import { toDirectorySummary, type DirectoryDetail } from "@/lib/directory-data";
import { getDirectoryHealth } from "@/lib/sync-health/get-directory-health";
import { countDirectory } from "./count-directory";
import { DirectoryReadError } from "./errors";

export interface GetDirectoryOptions {
  directoryId: string;
}

export const directorySelect = { id: true, name: true, type: true, active: true, lastActivityAt: true, createdAt: true } as const;

/** What a directory is, whether it is on, how big (users not deleted, groups), when it last heard from its identity provider, and how provisioning is going. */
export async function getDirectory({ directoryId }: GetDirectoryOptions): Promise<DirectoryDetail> {
  const db = getDb().prisma;
  const directory = await db.directory.findUnique({ where: { id: directoryId }, select: directorySelect });
  if (!directory) throw new DirectoryReadError("not_found", `Directory ${directoryId} not found`);
  const [counts, health] = await Promise.all([countDirectory({ directoryId }), getDirectoryHealth({ directoryId, directoryCreatedAt: directory.createdAt })]);
  return { ...toDirectorySummary(directory, counts), health };
}
