import { cache } from "react";
import { getDb } from "@/lib/db/client";

/** Users (not deleted) and groups in a directory, for the tab badges. Cached per request. */
export const getDirectoryCounts = cache(async (directoryId: string) => {
  const db = getDb().prisma;
  const [users, groups] = await Promise.all([
    db.scimUser.count({ where: { directoryId, deletedAt: null } }),
    db.scimGroup.count({ where: { directoryId } }),
  ]);
  return { users, groups };
});
