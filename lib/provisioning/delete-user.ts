import { runInTransaction } from "@/lib/db/transaction";
import { checkIfMatch } from "@/lib/scim/etag";
import { notFound } from "@/lib/scim/errors";
import type { ProvisioningContext } from "./context";
import { writeEvent } from "./events";
import { findUserOrThrow } from "./user-storage";

export interface DeleteUserOptions {
  ctx: ProvisioningContext;
  userId: string;
  ifMatch?: string | null;
}

/**
 * DELETE /Users/{id} (RFC 7644 §3.6). The user leaves every group. The directory's deprovision policy
 * decides what happens to the stored person: "erase" (default) removes the record; "retain" keeps it
 * deactivated and hidden from SCIM (404 afterwards, userName free to be provisioned again).
 */
export async function deleteUser({ ctx, userId, ifMatch }: DeleteUserOptions): Promise<void> {
  const user = await findUserOrThrow(ctx, userId);
  checkIfMatch(ifMatch, user.version);
  const directory = await ctx.db.directory.findUnique({ where: { id: ctx.directoryId }, select: { deprovisionPolicy: true } });
  const policy = directory?.deprovisionPolicy === "retain" ? "retain" : "erase";
  await runInTransaction(ctx.db, async (tx) => {
    const memberships = await tx.scimGroupMember.findMany({ where: { directoryId: ctx.directoryId, userId }, select: { groupId: true } });
    const groupIds = memberships.map((m) => m.groupId);
    if (groupIds.length) {
      await tx.scimGroup.updateMany({
        where: { directoryId: ctx.directoryId, id: { in: groupIds } },
        data: { memberCount: { decrement: 1 }, updatedAt: new Date(), version: { increment: 1 } },
      });
      await tx.scimGroupMember.deleteMany({ where: { directoryId: ctx.directoryId, userId } });
    }
    const where = { id: userId, directoryId: ctx.directoryId, deletedAt: null };
    const { count } =
      policy === "erase"
        ? await tx.scimUser.deleteMany({ where })
        : await tx.scimUser.updateMany({
            where,
            data: { deletedAt: new Date(), userNameKey: null, active: false, updatedAt: new Date(), version: { increment: 1 } },
          });
    if (count === 0) throw notFound(`User ${userId} not found`);
    await writeEvent(tx, ctx, userId, { type: "user.deleted", payload: { userName: user.userName, policy, groupIds } });
  });
}
