import { isUniqueViolation } from "@/lib/db/errors";
import { toDirectoryUser } from "@/lib/directory-data/directory-user";
import { recordEvents } from "@/lib/events/record-events";
import { uniqueness } from "@/lib/scim/errors";
import { normalizeUser } from "@/lib/scim/resource/normalize-user";
import type { ProvisioningContext } from "./context";
import type { UserRecord } from "./records";
import { inTransaction } from "@/lib/db/transaction";
import { noteRowsInserted } from "./table-statistics";
import { insertUser, replaceUserEmails } from "./user-storage";

export interface CreateUserOptions {
  ctx: ProvisioningContext;
  body: unknown;
}

/** POST /Users (RFC 7644 §3.3): 409 uniqueness when the userName exists in the directory in any case. */
export async function createUser({ ctx, body }: CreateUserOptions): Promise<UserRecord> {
  const user = normalizeUser(body, { mode: "create" });
  try {
    const created = await inTransaction(ctx.db, async (tx) => {
      const record = await insertUser(tx, ctx.directoryId, user);
      await replaceUserEmails(tx, ctx.directoryId, record.id, user.emails, false);
      // A new user belongs to no group yet.
      await recordEvents(tx, ctx, [{ type: "user.created", resourceId: record.id, data: { user: toDirectoryUser(record, []) } }]);
      return record;
    });
    noteRowsInserted(ctx, 1 + user.emails.length);
    return created;
  } catch (e) {
    if (isUniqueViolation(e)) throw uniqueness(`userName "${user.userName}" is already in use in this directory`);
    throw e;
  }
}
