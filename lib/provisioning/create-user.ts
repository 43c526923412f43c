import { runInTransaction } from "@/lib/db/transaction";
import { isUniqueViolation } from "@/lib/db/errors";
import { uniqueness } from "@/lib/scim/errors";
import { normalizeUser } from "@/lib/scim/resource/normalize-user";
import type { ProvisioningContext } from "./context";
import { writeEvent } from "./events";
import { toUserRecord, type UserRecord } from "./records";
import { replaceUserEmails, userColumns } from "./user-storage";

export interface CreateUserOptions {
  ctx: ProvisioningContext;
  body: unknown;
}

/** POST /Users (RFC 7644 §3.3): 409 uniqueness when the userName exists in the directory in any case. */
export async function createUser({ ctx, body }: CreateUserOptions): Promise<UserRecord> {
  const user = normalizeUser(body, { mode: "create" });
  try {
    return await runInTransaction(ctx.db, async (tx) => {
      const row = await tx.scimUser.create({ data: { directoryId: ctx.directoryId, ...userColumns(user) } });
      await replaceUserEmails(tx, ctx.directoryId, row.id, user.emails, false);
      await writeEvent(tx, ctx, row.id, {
        type: "user.created",
        payload: { userName: user.userName, externalId: user.externalId, active: user.active },
      });
      return toUserRecord(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw uniqueness(`userName "${user.userName}" is already in use in this directory`);
    throw e;
  }
}
