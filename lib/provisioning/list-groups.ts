import type { ProvisioningContext } from "./context";
import { loadMembers } from "./group-storage";
import { listRows, type ListPage, type ListQuery } from "./list-query";
import { toGroupRecord, type GroupRecord, type MemberRecord } from "./records";


export interface ListGroupsOptions {
  ctx: ProvisioningContext;
  query: ListQuery;
  /** false when members are excluded (how Entra reads groups): then they are not loaded at all. */
  withMembers: boolean;
}

export interface GroupWithMembers {
  group: GroupRecord;
  members?: MemberRecord[];
}

/** GET /Groups and POST /Groups/.search. */
export async function listGroups({ ctx, query, withMembers }: ListGroupsOptions): Promise<ListPage<GroupWithMembers>> {
  const page = await listRows(ctx, "Group", query);
  const groups = page.items.map(toGroupRecord);
  const members = withMembers ? await loadMembers(ctx.db.sql, ctx, groups.map((g) => g.id)) : undefined;
  return { ...page, items: groups.map((group) => ({ group, members: members?.get(group.id) })) };
}
