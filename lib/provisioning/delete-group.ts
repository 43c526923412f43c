import { checkIfMatch } from "@/lib/scim/etag";
import type { ProvisioningContext } from "./context";
import { toDirectoryGroup } from "@/lib/directory-data/directory-group";
import { recordEvents } from "@/lib/events/record-events";
import { lockGroupOrThrow } from "./group-storage";
import { SqlParams } from "@/lib/db/sql";
import { inTransaction } from "@/lib/db/transaction";

export interface DeleteGroupOptions {
  ctx: ProvisioningContext;
  groupId: string;
  ifMatch?: string | null;
}

/** DELETE /Groups/{id}: the group and its memberships (ON DELETE CASCADE) go; the users stay. */
export async function deleteGroup({ ctx, groupId, ifMatch }: DeleteGroupOptions): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const group = await lockGroupOrThrow(tx, ctx, groupId);
    checkIfMatch(ifMatch, group.version);
    const p = new SqlParams(tx.kind);
    await tx.execute(`DELETE FROM "ScimGroup" WHERE "id" = ${p.add(groupId)} AND "directoryId" = ${p.add(ctx.directoryId)}`, p.values);
    // Its memberships end with it: no member_removed event each (README, "Events").
    await recordEvents(tx, ctx, [{ type: "group.deleted", resourceId: groupId, data: { group: toDirectoryGroup(group) } }]);
  });
}
