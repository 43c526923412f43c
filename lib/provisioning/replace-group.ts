import { checkIfMatch } from "@/lib/scim/etag";
import { normalizeGroup } from "@/lib/scim/resource/normalize-group";
import { applyMemberChanges } from "./apply-member-changes";
import type { ProvisioningContext } from "./context";
import { changedGroupAttributes, lockGroupOrThrow } from "./group-storage";
import type { GroupRecord } from "./records";
import { writeGroupChange } from "./write-group-change";
import { inTransaction } from "@/lib/db/transaction";

export interface ReplaceGroupOptions {
  ctx: ProvisioningContext;
  groupId: string;
  body: unknown;
  ifMatch?: string | null;
}

/** PUT /Groups/{id}: replaces attributes and the member list (only the difference is written; member changes are their own events). */
export async function replaceGroup({ ctx, groupId, body, ifMatch }: ReplaceGroupOptions): Promise<GroupRecord> {
  const next = normalizeGroup(body);
  return inTransaction(ctx.db, async (tx) => {
    const group = await lockGroupOrThrow(tx, ctx, groupId);
    checkIfMatch(ifMatch, group.version);
    const changed = changedGroupAttributes(group, next);
    const { delta, memberships } = await applyMemberChanges(tx, ctx, groupId, [{ kind: "replace", ids: next.members.map((m) => m.value) }]);
    // A PUT that sends the group as it is (Entra re-sends whole groups) changes nothing: same version,
    // same ETag, no event.
    return writeGroupChange({ tx, ctx, group, next, changed, delta, memberships });
  });
}
