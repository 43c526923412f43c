import { checkIfMatch } from "@/lib/scim/etag";
import { normalizeGroup } from "@/lib/scim/resource/normalize-group";
import { applyMemberChanges } from "./apply-member-changes";
import type { ProvisioningContext } from "./context";
import { toDirectoryGroup } from "@/lib/directory-data/directory-group";
import { recordEvents, type PendingEvent } from "@/lib/events/record-events";
import { membershipEvents, previousGroupValues } from "./events";
import { bindGroupColumns, changedGroupAttributes, lockGroupOrThrow } from "./group-storage";
import { toGroupRecord, type GroupRecord } from "./records";
import { assignments, SqlParams } from "@/lib/db/sql";
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
    if (!changed.length && !memberships.length) return group;
    const p = new SqlParams(tx.kind);
    const set = assignments({ ...bindGroupColumns(p, next), updatedAt: p.add(new Date()) });
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
