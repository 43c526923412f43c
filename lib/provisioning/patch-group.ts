import { checkIfMatch } from "@/lib/scim/etag";
import { applyPatch } from "@/lib/scim/patch/apply-patch";
import { parsePatchRequest } from "@/lib/scim/patch/parse-patch-request";
import { planGroupPatch } from "@/lib/scim/patch/plan-group-patch";
import { normalizeGroup } from "@/lib/scim/resource/normalize-group";
import { toScimGroup } from "@/lib/scim/resource/to-scim";
import { applyMemberChanges } from "./apply-member-changes";
import type { ProvisioningContext } from "./context";
import { changedGroupAttributes, lockGroupOrThrow } from "./group-storage";
import type { GroupRecord } from "./records";
import { writeGroupChange } from "./write-group-change";
import { inTransaction } from "@/lib/db/transaction";

export interface PatchGroupOptions {
  ctx: ProvisioningContext;
  groupId: string;
  body: unknown;
  ifMatch?: string | null;
}

/**
 * PATCH /Groups/{id}. Member operations become targeted inserts/deletes (never a rewrite of the member
 * list); other attributes are patched on the group's JSON. One transaction: all operations or none.
 */
export async function patchGroup({ ctx, groupId, body, ifMatch }: PatchGroupOptions): Promise<GroupRecord> {
  const plan = planGroupPatch(parsePatchRequest(body));
  return inTransaction(ctx.db, async (tx) => {
    const group = await lockGroupOrThrow(tx, ctx, groupId);
    checkIfMatch(ifMatch, group.version);
    let changed: string[] = [];
    let next: ReturnType<typeof normalizeGroup> | undefined;
    if (plan.attributeOps.length) {
      const patched = applyPatch(toScimGroup(group, undefined, { baseUrl: ctx.baseUrl }), plan.attributeOps, "Group");
      next = normalizeGroup({ ...patched, members: undefined });
      changed = changedGroupAttributes(group, next);
    }
    const { delta, memberships } = await applyMemberChanges(tx, ctx, groupId, plan.memberChanges);
    // Nothing changed (e.g. Entra adding a member the group already has): same version, same ETag.
    return writeGroupChange({ tx, ctx, group, next, changed, delta, memberships });
  });
}
