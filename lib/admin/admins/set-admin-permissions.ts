// There is always at least one owner: the last one cannot lose the owner role (nor be removed, see
// delete-admin.ts).
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { AdminAccountError } from "@/lib/auth/errors";
import { parseInput } from "../parse-input";
import { adminRowSelect, type AdminRow } from "./list-admins";
import { setAdminPermissionsSchema } from "./schemas";

export interface SetAdminPermissionsOptions {
  adminId: string;
  canManageDirectories?: boolean;
  isOwner?: boolean;
}

export async function setAdminPermissions(options: SetAdminPermissionsOptions): Promise<AdminRow> {
  const { adminId, canManageDirectories, isOwner } = parseInput(setAdminPermissionsSchema, options);
  return runInTransaction(getDb(), async (tx) => {
    const admin = await tx.admin.findUnique({ where: { id: adminId } });
    if (!admin) throw new AdminAccountError("That admin no longer exists");
    if (admin.isOwner && isOwner === false) {
      const owners = await tx.admin.count({ where: { isOwner: true } });
      if (owners <= 1) throw new AdminAccountError("Roster needs at least one owner: make another admin an owner first");
    }
    const nextOwner = isOwner ?? admin.isOwner;
    // Owners manage directories by definition; keep the flag consistent with that.
    const nextManage = nextOwner ? true : (canManageDirectories ?? admin.canManageDirectories);
    return tx.admin.update({
      where: { id: adminId },
      data: { isOwner: nextOwner, canManageDirectories: nextManage },
      select: adminRowSelect,
    });
  });
}
