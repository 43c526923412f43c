// The Admins page (owner only): list admins, change their permissions, remove them.
// There is always at least one owner: the last one cannot be removed or lose the owner role.
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { AdminAccountError } from "@/lib/auth/errors";

export interface AdminRow {
  id: string;
  email: string;
  name: string;
  isOwner: boolean;
  canManageDirectories: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
}

export async function listAdmins(): Promise<AdminRow[]> {
  return getDb().admin.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, email: true, name: true, isOwner: true, canManageDirectories: true, createdAt: true, lastSignInAt: true },
  });
}

export interface SetAdminPermissionsOptions {
  adminId: string;
  canManageDirectories?: boolean;
  isOwner?: boolean;
}

export async function setAdminPermissions({ adminId, canManageDirectories, isOwner }: SetAdminPermissionsOptions): Promise<AdminRow> {
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
      select: { id: true, email: true, name: true, isOwner: true, canManageDirectories: true, createdAt: true, lastSignInAt: true },
    });
  });
}

export async function deleteAdmin({ adminId }: { adminId: string }): Promise<void> {
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
