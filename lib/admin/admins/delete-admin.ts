import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { AdminAccountError } from "@/lib/auth/errors";
import { parseInput } from "../parse-input";
import { deleteAdminSchema } from "./schemas";

export interface DeleteAdminOptions {
  adminId: string;
}

/** Removes an admin account; the last owner cannot be removed. */
export async function deleteAdmin(options: DeleteAdminOptions): Promise<void> {
  const { adminId } = parseInput(deleteAdminSchema, options);
  await runInTransaction(getDb(), async (tx) => {
    const admin = await tx.admin.findUnique({ where: { id: adminId } });
    if (!admin) throw new AdminAccountError("That admin no longer exists");
    if (admin.isOwner) {
      const owners = await tx.admin.count({ where: { isOwner: true } });
      if (owners <= 1) throw new AdminAccountError("The last owner cannot be removed");
    }
    await tx.admin.delete({ where: { id: adminId } });
  });
}
