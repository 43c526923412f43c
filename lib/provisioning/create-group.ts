import { normalizeGroup } from "@/lib/scim/resource/normalize-group";
import type { ProvisioningContext } from "./context";
import { toDirectoryGroup } from "@/lib/directory-data/directory-group";
import { recordEvents } from "@/lib/events/record-events";
import { membershipEvents } from "./events";
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
    const added = await addMembers(tx, ctx, record.id, group.members.map((m) => m.value));
    const created = { ...record, memberCount: added.length };
    if (added.length) {
      const p = new SqlParams(tx.kind);
      await tx.execute(`UPDATE "ScimGroup" SET "memberCount" = ${p.add(added.length)} WHERE "id" = ${p.add(record.id)}`, p.values);
    }
    const members = await membershipEvents(tx, ctx, created, added.map((userId) => ({ change: "added" as const, userId })));
    await recordEvents(tx, ctx, [{ type: "group.created", resourceId: record.id, data: { group: toDirectoryGroup(created) } }, ...members]);
    return created;
  });
  noteRowsInserted(ctx, 1);
  return created;
}
