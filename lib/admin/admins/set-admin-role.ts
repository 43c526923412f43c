// There is always at least one owner: the last one cannot lose the owner role (nor be removed, see
// delete-admin.ts). A lowered role takes effect on the admin's next request.
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { roleFlags, roleOf, type AdminRole } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { AdminError } from "../errors";
import { parseInput } from "../parse-input";
import { adminAuditValues } from "./admin-audit";
import { adminRowSelect, type AdminRow } from "./list-admins";
import { setAdminRoleSchema } from "./schemas";

export interface SetAdminRoleOptions {
  adminId: string;
  role: AdminRole;
  actor: AuditActor;
}

/** Gives the admin the role; the same role again changes nothing and is not audited. */
export async function setAdminRole(options: SetAdminRoleOptions): Promise<AdminRow> {
  const { adminId, role } = parseInput(setAdminRoleSchema, options);
  return runInTransaction(getDb(), async (tx) => {
    const admin = await tx.admin.findUnique({ where: { id: adminId }, select: adminRowSelect });
    if (!admin) throw new AdminError("not_found", "That admin no longer exists");
    if (roleOf(admin) === role) return admin;
    if (admin.isOwner) {
      const owners = await tx.admin.count({ where: { isOwner: true } });
      if (owners <= 1) throw new AdminError("invalid", "Roster needs at least one owner: make another admin an owner first");
    }
    const updated = await tx.admin.update({ where: { id: adminId }, data: roleFlags(role), select: adminRowSelect });
    await recordAudit(tx, {
      actor: options.actor,
      action: "admin.role_change",
      target: { type: "admin", id: admin.id, label: admin.email },
      before: adminAuditValues(admin),
      after: adminAuditValues(updated),
    });
    return updated;
  });
}
