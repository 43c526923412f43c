import type { ProvisioningContext } from "./context";
import { findGroupOrThrow, loadMembers } from "./group-storage";
import type { GroupWithMembers } from "./list-groups";


export interface GetGroupOptions {
  ctx: ProvisioningContext;
  groupId: string;
  withMembers: boolean;
}

/** GET /Groups/{id}; with excludedAttributes=members the member table is not read at all. */
export async function getGroup({ ctx, groupId, withMembers }: GetGroupOptions): Promise<GroupWithMembers> {
  const group = await findGroupOrThrow(ctx, groupId);
  if (!withMembers) return { group };
  const members = await loadMembers(ctx.db.sql, ctx, [groupId]);
  return { group, members: members.get(groupId) ?? [] };
}
