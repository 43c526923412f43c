import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { AdminSummary } from "@/lib/auth/create-admin";
import { hashPassword } from "@/lib/auth/password";
import { roleFlags, type AdminRole } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { runInTransaction } from "@/lib/db/transaction";
import { AdminError } from "../errors";
import { parseInput } from "../parse-input";
import { adminAuditValues } from "./admin-audit";
import { adminRowSelect } from "./list-admins";
import { addAdminSchema } from "./schemas";

export interface AddAdminOptions {
  email: string;
  name?: string;
  password: string;
  /** Viewer (read-only) by default. */
  role?: AdminRole;
  actor: AuditActor;
}

/** Adds an admin (Admins page). The email is unique; a duplicate is reported on the email field. */
export async function addAdmin(options: AddAdminOptions): Promise<AdminSummary> {
  const { email, name, password, role } = parseInput(addAdminSchema, options);
  const passwordHash = await hashPassword(password);
  try {
    return await runInTransaction(getDb(), async (tx) => {
      const admin = await tx.admin.create({ data: { email, name, passwordHash, ...roleFlags(role) }, select: adminRowSelect });
      await recordAudit(tx, { actor: options.actor, action: "admin.add", target: { type: "admin", id: admin.id, label: admin.email }, after: adminAuditValues(admin) });
      return admin;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const message = `An admin with the email ${email} already exists`;
      throw new AdminError("invalid", message, { email: message });
    }
    throw e;
  }
}
