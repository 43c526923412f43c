// The Users tab: a directory's provisioned (not deleted) users, newest first, keyset-paginated.
// Search is a prefix match on the indexed lower-cased keys (userNameKey, ScimUserEmail.valueKey), a
// contains match on the user name, and an exact match on externalId.
import { getDb } from "@/lib/db/client";
import { keysetQuery, toKeysetPage, type KeysetPage, type KeysetRequest } from "./keyset";

export type ActiveFilter = "all" | "active" | "inactive";

export interface ListDirectoryUsersOptions extends KeysetRequest {
  directoryId: string;
  search?: string;
  active?: ActiveFilter;
}

export interface UserRow {
  id: string;
  userName: string;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  primaryEmail: string | null;
  active: boolean;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const MAX_SEARCH_LENGTH = 200;

function userSearchWhere(directoryId: string, raw: string | undefined) {
  const search = raw?.trim().slice(0, MAX_SEARCH_LENGTH);
  if (!search) return {};
  const key = search.toLowerCase();
  return {
    OR: [
      { userNameKey: { startsWith: key } },
      { emails: { some: { directoryId, valueKey: { startsWith: key } } } },
      { displayName: { contains: search } },
      { givenName: { startsWith: search } },
      { familyName: { startsWith: search } },
      { externalId: search },
    ],
  };
}

export async function listDirectoryUsers(options: ListDirectoryUsersOptions): Promise<KeysetPage<UserRow>> {
  const q = keysetQuery(options);
  const rows = await getDb().prisma.scimUser.findMany({
    where: {
      AND: [
        { directoryId: options.directoryId, deletedAt: null },
        options.active === "active" ? { active: true } : options.active === "inactive" ? { active: false } : {},
        userSearchWhere(options.directoryId, options.search),
        q.where,
      ],
    },
    orderBy: q.orderBy,
    take: q.take,
    select: {
      id: true,
      userName: true,
      displayName: true,
      givenName: true,
      familyName: true,
      primaryEmail: true,
      active: true,
      externalId: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  return toKeysetPage(rows, q, (r) => ({ createdAt: r.createdAt, id: r.id }));
}

export function displayNameOf(u: Pick<UserRow, "displayName" | "givenName" | "familyName">): string | null {
  if (u.displayName) return u.displayName;
  const parts = [u.givenName, u.familyName].filter(Boolean);
  return parts.length ? parts.join(" ") : null;
}
