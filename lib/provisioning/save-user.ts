import { isUniqueViolation } from "@/lib/db/errors";
import { ScimError, uniqueness } from "@/lib/scim/errors";
import type { NormalizedUser } from "@/lib/scim/resource/normalize-user";
import type { ProvisioningContext } from "./context";
import { recordEvents, type PendingEvent } from "@/lib/events/record-events";
import { directoryUserOf, previousUserValues } from "./events";
import { toUserRecord, type UserRecord } from "./records";
import { assignments, SqlParams } from "@/lib/db/sql";
import { inTransaction } from "@/lib/db/transaction";
import type { UserGroupInput } from "@/lib/scim/resource/to-scim";
import { listUserGroups } from "./list-user-groups";
import { bindUserColumns, changedAttributes, findUserOrThrow, replaceUserEmails } from "./user-storage";

export interface SaveUserOptions {
  ctx: ProvisioningContext;
  userId: string;
  /** Computes the new state from the current one (PUT ignores it; PATCH applies its operations). */
  update: (current: UserRecord) => NormalizedUser;
  /** Called with the current record before the update, e.g. to check If-Match. */
  precondition?: (current: UserRecord) => void;
  /** Also read the user's groups for the answer, in the transaction (in the UPDATE's flight). */
  withGroups?: boolean;
}

/** The user as saved; `groups` (as listUserGroups gives them) when asked for. */
export interface SavedUser {
  user: UserRecord;
  groups?: UserGroupInput[];
}

/**
 * Read–modify–write of one user in one transaction that holds the user's row from the read on
 * (PostgreSQL: FOR NO KEY UPDATE; SQLite: every write transaction holds the database's write lock),
 * so concurrent PATCHes from a parallel Entra cycle apply one after another and never overwrite each
 * other, however many arrive at once. The version check on the UPDATE stays as a guard.
 */
export async function saveUser({ ctx, userId, update, precondition, withGroups }: SaveUserOptions): Promise<SavedUser> {
  let userName: string | undefined;
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const current = await findUserOrThrow(ctx, userId, tx, "update");
      precondition?.(current);
      const next = update(current);
      userName = next.userName;
      const changed = changedAttributes(current, next);
      if (!changed.length) return { user: current, groups: withGroups ? await listUserGroups({ ctx, userId, tx }) : undefined };
      const now = new Date();
      const p = new SqlParams(tx.kind);
      const set = assignments({ ...bindUserColumns(p, next), version: p.add(current.version + 1), updatedAt: p.add(now) });
      const updated = tx.execute(
        `UPDATE "ScimUser" SET ${set} WHERE "id" = ${p.add(userId)} AND "directoryId" = ${p.add(ctx.directoryId)} AND "version" = ${p.add(current.version)} AND "deletedAt" IS NULL`,
        p.values,
      );
      // The email index follows the emails attribute: unchanged emails leave it as it is.
      if (changed.includes("emails")) await replaceUserEmails(tx, ctx.directoryId, userId, next.emails, true);
      // What the row now holds: the new columns on the row that was read, one version on.
      const saved = toUserRecord({
        ...current,
        userName: next.userName,
        externalId: next.externalId,
        active: next.active,
        resource: next.resource,
        profileFields: next.profileFields,
        profileFieldsSchema: next.profileFieldsSchema,
        version: current.version + 1,
        updatedAt: now,
      });
      // The user's groups are read in the same flight as the UPDATE (on PostgreSQL: one round trip).
      const [count, user, groups] = await Promise.all([updated, directoryUserOf(tx, ctx, saved), withGroups ? listUserGroups({ ctx, userId, tx }) : undefined]);
      if (count === 0) throw new ScimError(409, "The user was changed concurrently; retry the request");
      const events: PendingEvent[] = [{ type: "user.updated", resourceId: userId, data: { user, previous: previousUserValues(current, changed), changed } }];
      if (current.active !== next.active) events.push({ type: next.active ? "user.reactivated" : "user.deactivated", resourceId: userId, data: { user } });
      await recordEvents(tx, ctx, events);
      return { user: saved, groups };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw uniqueness(`userName "${userName}" is already in use in this directory`);
    throw e;
  }
}
