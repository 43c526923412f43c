import { runInTransaction } from "@/lib/db/transaction";
import { isUniqueViolation } from "@/lib/db/errors";
import { ScimError, uniqueness } from "@/lib/scim/errors";
import type { NormalizedUser } from "@/lib/scim/resource/normalize-user";
import type { ProvisioningContext } from "./context";
import { writeEvent } from "./events";
import { toUserRecord, type UserRecord } from "./records";
import { changedAttributes, findUserOrThrow, replaceUserEmails, userColumns } from "./user-storage";

const MAX_ATTEMPTS = 8;

export interface SaveUserOptions {
  ctx: ProvisioningContext;
  userId: string;
  /** Computes the new state from the current one (PUT ignores it; PATCH applies its operations). */
  update: (current: UserRecord) => NormalizedUser;
  /** Called with the current record before the update, e.g. to check If-Match. */
  precondition?: (current: UserRecord) => void;
}

/**
 * Read–modify–write of one user with optimistic concurrency: the write only lands if the version is
 * still the one read, otherwise the update is computed again from the fresh state. Concurrent PATCHes
 * from a parallel Entra cycle therefore never overwrite each other.
 */
export async function saveUser({ ctx, userId, update, precondition }: SaveUserOptions): Promise<UserRecord> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await findUserOrThrow(ctx, userId);
    precondition?.(current);
    const next = update(current);
    const changed = changedAttributes(current, next);
    if (!changed.length) return current;
    try {
      const saved = await runInTransaction(ctx.db, async (tx) => {
        const now = new Date();
        const { count } = await tx.scimUser.updateMany({
          where: { id: userId, directoryId: ctx.directoryId, version: current.version, deletedAt: null },
          data: { ...userColumns(next), version: current.version + 1, updatedAt: now },
        });
        if (count === 0) return null;
        await replaceUserEmails(tx, ctx.directoryId, userId, next.emails, true);
        await writeEvent(tx, ctx, userId, { type: "user.updated", payload: { changed } });
        if (current.active && !next.active) {
          await writeEvent(tx, ctx, userId, { type: "user.deactivated", payload: { userName: next.userName } });
        } else if (!current.active && next.active) {
          await writeEvent(tx, ctx, userId, { type: "user.reactivated", payload: { userName: next.userName } });
        }
        const row = await tx.scimUser.findFirstOrThrow({ where: { id: userId, directoryId: ctx.directoryId } });
        return toUserRecord(row);
      });
      if (saved) return saved;
    } catch (e) {
      if (isUniqueViolation(e)) throw uniqueness(`userName "${next.userName}" is already in use in this directory`);
      throw e;
    }
  }
  throw new ScimError(409, "The user was changed concurrently too many times; retry the request");
}
