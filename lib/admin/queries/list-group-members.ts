// A group's members, keyset-paginated, within one directory (both ids must match).
import { getDb } from "@/lib/db/client";
import { keysetQuery, toKeysetPage, type KeysetPage, type KeysetRequest } from "./keyset";

export interface ListGroupMembersOptions extends KeysetRequest {
  directoryId: string;
  groupId: string;
}

export interface GroupMemberRow {
  userId: string;
  addedAt: Date;
  userName: string;
  displayName: string | null;
  primaryEmail: string | null;
  active: boolean;
}

export async function listGroupMembers({ directoryId, groupId, ...page }: ListGroupMembersOptions): Promise<KeysetPage<GroupMemberRow>> {
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
