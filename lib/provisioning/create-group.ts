import { normalizeGroup } from "@/lib/scim/resource/normalize-group";
import type { ProvisioningContext } from "./context";
import { writeEvent } from "./events";
import { addMembers, insertGroup } from "./group-storage";
import type { GroupRecord } from "./records";
import { SqlParams } from "@/lib/db/sql";
import { inTransaction } from "@/lib/db/transaction";
import { noteRowsInserted } from "./table-statistics";

export interface CreateGroupOptions {
  ctx: ProvisioningContext;
  body: unknown;
}

/** POST /Groups. Entra's body carries its ADSCIM Group schema and a client-side meta: both accepted. */
export async function createGroup({ ctx, body }: CreateGroupOptions): Promise<GroupRecord> {
  const group = normalizeGroup(body);
  const created = await inTransaction(ctx.db, async (tx) => {
    const record = await insertGroup(tx, ctx.directoryId, group);
    await writeEvent(tx, ctx, record.id, { type: "group.created", payload: { displayName: group.displayName, externalId: group.externalId } });
    const added = await addMembers(tx, ctx, record.id, group.members.map((m) => m.value));
    if (!added.length) return record;
    await writeEvent(tx, ctx, record.id, { type: "group.member_added", payload: { userIds: added } });
    const p = new SqlParams(tx.kind);
    await tx.execute(`UPDATE "ScimGroup" SET "memberCount" = ${p.add(added.length)} WHERE "id" = ${p.add(record.id)}`, p.values);
    return { ...record, memberCount: added.length };
  });
  noteRowsInserted(ctx, 1);
  return created;
}
