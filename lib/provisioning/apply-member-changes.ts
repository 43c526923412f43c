import { evaluateElementFilter } from "@/lib/scim/filter/evaluate-filter";
import { findAttribute, groupSchema } from "@/lib/scim/schema";
import type { MemberChange } from "@/lib/scim/patch/plan-group-patch";
import type { ProvisioningContext } from "./context";
import type { MembershipChange } from "./events";
import { addMembers, allMemberIds, loadMembers, removeMembers } from "./group-storage";
import type { Sql } from "@/lib/db/sql";

export interface AppliedMemberChanges {
  /** How much the member count moved. */
  delta: number;
  /** The memberships actually added or removed, in request order (one event each); none: nothing changed. */
  memberships: MembershipChange[];
}

/** Applies membership changes in request order. */
export async function applyMemberChanges(tx: Sql, ctx: ProvisioningContext, groupId: string, changes: MemberChange[]): Promise<AppliedMemberChanges> {
  let delta = 0;
  const memberships: MembershipChange[] = [];
  const added = async (ids: string[]) => {
    const done = await addMembers(tx, ctx, groupId, ids);
    for (const userId of done) memberships.push({ change: "added", userId });
    delta += done.length;
  };
  const removed = async (ids: string[]) => {
    const done = await removeMembers(tx, ctx, groupId, ids);
    for (const userId of done) memberships.push({ change: "removed", userId });
    delta -= done.length;
  };
  for (const change of changes) {
    switch (change.kind) {
      case "add":
        await added(change.ids);
        break;
      case "remove":
        await removed(change.ids);
        break;
      case "removeAll":
        await removed(await allMemberIds(tx, ctx, groupId));
        break;
      case "replace": {
        const wanted = new Set(change.ids);
        const current = await allMemberIds(tx, ctx, groupId);
        await removed(current.filter((id) => !wanted.has(id)));
        await added(change.ids);
        break;
      }
      case "removeWhere": {
        // A filter other than `value eq …` (rare): evaluate it against each member element.
        const members = (await loadMembers(tx, ctx, [groupId])).get(groupId) ?? [];
        const membersAttribute = findAttribute(groupSchema.attributes, "members")!;
        const matching = members.filter((m) =>
          evaluateElementFilter(change.filter, { value: m.userId, display: m.display, type: "User", $ref: `${ctx.baseUrl}/Users/${m.userId}` }, membersAttribute),
        );
        await removed(matching.map((m) => m.userId));
        break;
      }
    }
  }
  return { delta, memberships };
}
