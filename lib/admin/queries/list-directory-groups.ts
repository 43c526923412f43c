// The Groups tab: a directory's groups with member counts, newest first, keyset-paginated.
import { getDb } from "@/lib/db/client";
import { keysetQuery, toKeysetPage, type KeysetPage, type KeysetRequest } from "./keyset";
import { MAX_SEARCH_LENGTH } from "./list-directory-users";

export interface ListDirectoryGroupsOptions extends KeysetRequest {
  directoryId: string;
  search?: string;
}

export interface GroupRow {
  id: string;
  displayName: string;
  externalId: string | null;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export async function listDirectoryGroups(options: ListDirectoryGroupsOptions): Promise<KeysetPage<GroupRow>> {
  const q = keysetQuery(options);
  const search = options.search?.trim().slice(0, MAX_SEARCH_LENGTH);
  const rows = await getDb().prisma.scimGroup.findMany({
    where: {
      AND: [
        { directoryId: options.directoryId },
        search ? { OR: [{ displayNameKey: { startsWith: search.toLowerCase() } }, { externalId: search }] } : {},
        q.where,
      ],
    },
    orderBy: q.orderBy,
    take: q.take,
    select: { id: true, displayName: true, externalId: true, memberCount: true, createdAt: true, updatedAt: true },
  });
  return toKeysetPage(rows, q, (r) => ({ createdAt: r.createdAt, id: r.id }));
}
