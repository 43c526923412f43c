import type { ProvisioningContext } from "./context";
import type { UserRecord } from "./records";
import { findUserOrThrow } from "./user-storage";

export interface GetUserOptions {
  ctx: ProvisioningContext;
  userId: string;
}

export interface UserWithGroups {
  user: UserRecord;
  groups: { id: string; displayName: string }[];
}

/** GET /Users/{id}, with the groups the user is a direct member of (RFC 7643 §4.1.2 "groups"). */
export async function getUser({ ctx, userId }: GetUserOptions, withGroups = true): Promise<UserWithGroups> {
  const user = await findUserOrThrow(ctx, userId);
  if (!withGroups) return { user, groups: [] };
  const memberships = await ctx.db.scimGroupMember.findMany({
    where: { directoryId: ctx.directoryId, userId },
    select: { group: { select: { id: true, displayName: true } } },
    orderBy: { createdAt: "asc" },
    take: 1000,
  });
  return { user, groups: memberships.map((m) => m.group) };
}
