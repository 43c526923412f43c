import { checkIfMatch } from "@/lib/scim/etag";
import type { ProvisioningContext } from "./context";
import { writeEvent } from "./events";
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
    await writeEvent(tx, ctx, groupId, { type: "group.deleted", payload: { displayName: group.displayName } });
  });
}
