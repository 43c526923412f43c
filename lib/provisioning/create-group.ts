import { runInTransaction } from "@/lib/db/transaction";
import { normalizeGroup } from "@/lib/scim/resource/normalize-group";
import type { ProvisioningContext } from "./context";
import { writeEvent } from "./events";
import { addMembers, groupColumns } from "./group-storage";
import { toGroupRecord, type GroupRecord } from "./records";

export interface CreateGroupOptions {
  ctx: ProvisioningContext;
  body: unknown;
}

/** POST /Groups. Entra's body carries its ADSCIM Group schema and a client-side meta: both accepted. */
export async function createGroup({ ctx, body }: CreateGroupOptions): Promise<GroupRecord> {
  const group = normalizeGroup(body);
  return runInTransaction(ctx.db, async (tx) => {
    const row = await tx.scimGroup.create({ data: { directoryId: ctx.directoryId, ...groupColumns(group) } });
    await writeEvent(tx, ctx, row.id, { type: "group.created", payload: { displayName: group.displayName, externalId: group.externalId } });
    const added = await addMembers(tx, ctx, row.id, group.members.map((m) => m.value));
    if (!added.length) return toGroupRecord(row);
    await writeEvent(tx, ctx, row.id, { type: "group.member_added", payload: { userIds: added } });
    return toGroupRecord(await tx.scimGroup.update({ where: { id: row.id }, data: { memberCount: added.length } }));
  });
}
