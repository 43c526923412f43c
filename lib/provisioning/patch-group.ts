import { checkIfMatch } from "@/lib/scim/etag";
import { applyPatch } from "@/lib/scim/patch/apply-patch";
import { parsePatchRequest } from "@/lib/scim/patch/parse-patch-request";
import { planGroupPatch } from "@/lib/scim/patch/plan-group-patch";
import { normalizeGroup } from "@/lib/scim/resource/normalize-group";
import { toScimGroup } from "@/lib/scim/resource/to-scim";
import { applyMemberChanges } from "./apply-member-changes";
import type { ProvisioningContext } from "./context";
import { toDirectoryGroup } from "@/lib/directory-data/directory-group";
import { recordEvents, type PendingEvent } from "@/lib/events/record-events";
import { membershipEvents, previousGroupValues } from "./events";
import { bindGroupColumns, changedGroupAttributes, lockGroupOrThrow } from "./group-storage";
import { toGroupRecord, type GroupRecord } from "./records";
import { assignments, SqlParams } from "@/lib/db/sql";
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
    if (!changed.length && !memberships.length) return group;
    const p = new SqlParams(tx.kind);
    const set = assignments({ ...(next ? bindGroupColumns(p, next) : {}), updatedAt: p.add(new Date()) });
    const [row] = await tx.query(
      `UPDATE "ScimGroup" SET ${set}, "memberCount" = "memberCount" + ${p.add(delta)}, "version" = "version" + 1 WHERE "id" = ${p.add(groupId)} AND "directoryId" = ${p.add(ctx.directoryId)} RETURNING *`,
      p.values,
    );
    const saved = toGroupRecord(row);
    const events: PendingEvent[] = changed.length
      ? [{ type: "group.updated", resourceId: groupId, data: { group: toDirectoryGroup(saved), previous: previousGroupValues(group, changed), changed } }]
      : [];
    await recordEvents(tx, ctx, [...events, ...(await membershipEvents(tx, ctx, saved, memberships))]);
    return saved;
  });
}
