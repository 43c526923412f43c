import { runInTransaction } from "@/lib/db/transaction";
import { checkIfMatch } from "@/lib/scim/etag";
import type { ProvisioningContext } from "./context";
import { writeEvent } from "./events";
import { lockGroupOrThrow } from "./group-storage";

export interface DeleteGroupOptions {
  ctx: ProvisioningContext;
  groupId: string;
  ifMatch?: string | null;
}

/** DELETE /Groups/{id}: the group and its memberships go; the users stay. */
export async function deleteGroup({ ctx, groupId, ifMatch }: DeleteGroupOptions): Promise<void> {
  await runInTransaction(ctx.db, async (tx) => {
    const group = await lockGroupOrThrow(tx, ctx, groupId);
    checkIfMatch(ifMatch, group.version);
    await tx.scimGroup.delete({ where: { id: groupId } });
    await writeEvent(tx, ctx, groupId, { type: "group.deleted", payload: { displayName: group.displayName } });
  });
}
