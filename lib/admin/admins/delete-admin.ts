import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { AdminError } from "../errors";
import { parseInput } from "../parse-input";
import { adminAuditValues } from "./admin-audit";
import { deleteAdminSchema } from "./schemas";

export interface DeleteAdminOptions {
  adminId: string;
  actor: AuditActor;
}

/**
 * Removes an admin account; the last owner cannot be removed. Their sessions stop working on their next
 * request: every request reads the admin's row (lib/auth/require-admin.ts).
 */
export async function deleteAdmin(options: DeleteAdminOptions): Promise<void> {
  const { adminId } = parseInput(deleteAdminSchema, options);
  await runInTransaction(getDb(), async (tx) => {
    const admin = await tx.admin.findUnique({ where: { id: adminId } });
    if (!admin) throw new AdminError("not_found", "That admin no longer exists");
    if (admin.isOwner) {
      const owners = await tx.admin.count({ where: { isOwner: true } });
      if (owners <= 1) throw new AdminError("invalid", "The last owner cannot be removed");
    }
    await tx.admin.delete({ where: { id: adminId } });
    await recordAudit(tx, { actor: options.actor, action: "admin.remove", target: { type: "admin", id: admin.id, label: admin.email }, before: adminAuditValues(admin) });
  });
}
