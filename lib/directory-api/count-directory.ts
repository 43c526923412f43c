import { getDb } from "@/lib/db/client";

export interface CountDirectoryOptions {
  directoryId: string;
}

/** Users (not deleted) and groups of a directory: two index-only counts. */
export async function countDirectory({ directoryId }: CountDirectoryOptions): Promise<{ users: number; groups: number }> {
  const db = getDb().prisma;
  const [users, groups] = await Promise.all([db.scimUser.count({ where: { directoryId, deletedAt: null } }), db.scimGroup.count({ where: { directoryId } })]);
  return { users, groups };
}
