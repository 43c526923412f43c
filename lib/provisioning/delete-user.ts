import { checkIfMatch } from "@/lib/scim/etag";
import { notFound } from "@/lib/scim/errors";
import type { ProvisioningContext } from "./context";
import { recordEvents } from "@/lib/events/record-events";
import { directoryUserOf } from "./events";
import { byIdScope, chunks, rowLock, SqlParams } from "@/lib/db/sql";
import { inTransaction } from "@/lib/db/transaction";
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
  await inTransaction(ctx.db, async (tx) => {
    // Hold the row first: member adds of this user (which lock it KEY SHARE) finish before the
    // memberships are read below, or start after the user is gone and are refused. If-Match and the
    // policy are read under that hold too, so a change committed meanwhile is seen, not overwritten.
    const user = await findUserOrThrow(ctx, userId, tx, "delete");
    checkIfMatch(ifMatch, user.version);
    const d = new SqlParams(tx.kind);
    const [directory] = await tx.query<{ deprovisionPolicy: string }>(`SELECT "deprovisionPolicy" FROM "Directory" WHERE "id" = ${d.add(ctx.directoryId)}`, d.values);
    const policy = directory?.deprovisionPolicy === "retain" ? "retain" : "erase";
    // The user as last seen, groups included: ending the memberships is part of this one event.
    const last = await directoryUserOf(tx, ctx, user);
    // The memberships deleted here are the ones counted down: a concurrent removal of the same
    // membership either happened first (and is not returned) or waits for this transaction.
    const m = new SqlParams(tx.kind);
    const memberships = await tx.query<{ groupId: string }>(
      `DELETE FROM "ScimGroupMember" WHERE "directoryId" = ${m.add(ctx.directoryId)} AND "userId" = ${m.add(userId)} RETURNING "groupId"`,
      m.values,
    );
    const groupIds = memberships.map((r) => r.groupId);
    const now = new Date();
    // Groups are locked in id order, so two deletes whose users share groups (a large group holds
    // most users) queue up behind each other instead of deadlocking (PostgreSQL; SQLite needs no row locks).
    for (const part of chunks([...groupIds].sort(), 500)) {
      if (tx.kind === "postgresql") {
        const l = new SqlParams(tx.kind);
        await tx.query(`SELECT 1 FROM "ScimGroup" WHERE "directoryId" = ${l.add(ctx.directoryId)} AND "id" IN ${l.list(part)} ORDER BY "id"${rowLock(tx.kind, "update")}`, l.values);
      }
      const g = new SqlParams(tx.kind);
      await tx.execute(
        `UPDATE "ScimGroup" SET "memberCount" = "memberCount" - 1, "updatedAt" = ${g.add(now)}, "version" = "version" + 1 WHERE ${byIdScope(tx.kind)} = ${g.add(ctx.directoryId)} AND "id" IN ${g.list(part)}`,
        g.values,
      );
    }
    const p = new SqlParams(tx.kind);
    // Emails (and any membership left) go with the row: ON DELETE CASCADE.
    const count =
      policy === "erase"
        ? await tx.execute(`DELETE FROM "ScimUser" WHERE "id" = ${p.add(userId)} AND "directoryId" = ${p.add(ctx.directoryId)} AND "deletedAt" IS NULL`, p.values)
        : await tx.execute(
            `UPDATE "ScimUser" SET "deletedAt" = ${p.add(now)}, "userNameKey" = NULL, "active" = ${p.bool(false)}, "updatedAt" = ${p.add(now)}, "version" = "version" + 1 WHERE "id" = ${p.add(userId)} AND "directoryId" = ${p.add(ctx.directoryId)} AND "deletedAt" IS NULL`,
            p.values,
          );
    if (count === 0) throw notFound(`User ${userId} not found`);
    await recordEvents(tx, ctx, [{ type: "user.deleted", resourceId: userId, data: { user: last } }]);
  });
}
