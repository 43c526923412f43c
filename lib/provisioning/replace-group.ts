import { runInTransaction } from "@/lib/db/transaction";
import { checkIfMatch } from "@/lib/scim/etag";
import { normalizeGroup } from "@/lib/scim/resource/normalize-group";
import { applyMemberChanges } from "./apply-member-changes";
import type { ProvisioningContext } from "./context";
import { writeEvent } from "./events";
import { groupColumns, lockGroupOrThrow } from "./group-storage";
import { toGroupRecord, type GroupRecord } from "./records";

export interface ReplaceGroupOptions {
  ctx: ProvisioningContext;
  groupId: string;
  body: unknown;
  ifMatch?: string | null;
}

/** PUT /Groups/{id}: replaces attributes and the member list (only the difference is written). */
export async function replaceGroup({ ctx, groupId, body, ifMatch }: ReplaceGroupOptions): Promise<GroupRecord> {
  const next = normalizeGroup(body);
  return runInTransaction(ctx.db, async (tx) => {
    const group = await lockGroupOrThrow(tx, ctx, groupId);
    checkIfMatch(ifMatch, group.version);
    const delta = await applyMemberChanges(tx, ctx, groupId, [{ kind: "replace", ids: next.members.map((m) => m.value) }]);
    await writeEvent(tx, ctx, groupId, { type: "group.updated", payload: { changed: ["displayName", "externalId", "members"] } });
    const row = await tx.scimGroup.update({
      where: { id: groupId },
      data: { ...groupColumns(next), memberCount: { increment: delta }, version: { increment: 1 }, updatedAt: new Date() },
    });
    return toGroupRecord(row);
  });
}
