// Group detail: one group of one directory (both ids must match) and a keyset-paginated member list.
import { getDb } from "@/lib/db/client";
import { keysetQuery, toKeysetPage, type KeysetPage, type KeysetRequest } from "./keyset";

export interface DirectoryGroupDetail {
  id: string;
  displayName: string;
  externalId: string | null;
  memberCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  resource: Record<string, unknown>;
}

export async function getDirectoryGroup(directoryId: string, groupId: string): Promise<DirectoryGroupDetail | null> {
  const row = await getDb().prisma.scimGroup.findFirst({
    where: { id: groupId, directoryId },
    select: { id: true, displayName: true, externalId: true, memberCount: true, version: true, createdAt: true, updatedAt: true, resource: true },
  });
  if (!row) return null;
  const resource = row.resource && typeof row.resource === "object" && !Array.isArray(row.resource) ? (row.resource as Record<string, unknown>) : {};
  return { ...row, resource };
}

export interface GroupMemberRow {
  userId: string;
  addedAt: Date;
  userName: string;
  displayName: string | null;
  primaryEmail: string | null;
  active: boolean;
}

export async function listGroupMembers(directoryId: string, groupId: string, page: KeysetRequest): Promise<KeysetPage<GroupMemberRow>> {
  const q = keysetQuery(page, "userId");
  const rows = await getDb().prisma.scimGroupMember.findMany({
    where: { AND: [{ directoryId, groupId }, q.where] },
    orderBy: q.orderBy as never,
    take: q.take,
    select: { userId: true, createdAt: true, user: { select: { userName: true, displayName: true, primaryEmail: true, active: true } } },
  });
  const result = toKeysetPage(rows, q, (r) => ({ createdAt: r.createdAt, id: r.userId }));
  return {
    ...result,
    items: result.items.map((r) => ({ userId: r.userId, addedAt: r.createdAt, ...r.user })),
  };
}
