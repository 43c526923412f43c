// Creating the first owner (setup page or environment bootstrap); later admins are added through
// lib/admin/admins/add-admin.ts.
import { randomUUID } from "node:crypto";
import { getDb, type Database } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { runInTransaction } from "@/lib/db/transaction";
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { newAdminSchema, type NewAdminInput } from "./credentials-schema";
import { SetupClosedError } from "./errors";
import { hashPassword } from "./password";
import { roleOf } from "./permissions";

/** AppSetting row taken by whoever creates the first owner: the primary key makes first-run setup happen once. */
export const FIRST_OWNER_SETTING = "first_owner";

export interface AdminSummary {
  id: string;
  email: string;
  name: string;
  isOwner: boolean;
  canManageDirectories: boolean;
  createdAt: Date;
}

const summary = { id: true, email: true, name: true, isOwner: true, canManageDirectories: true, createdAt: true } as const;

export async function hasAnyAdmin(db: Database = getDb()): Promise<boolean> {
  return (await db.prisma.admin.count()) > 0;
}

export interface CreateFirstOwnerOptions {
  input: NewAdminInput;
  /** The setup page, or ROSTER_ADMIN_EMAIL. */
  actor: AuditActor;
  db?: Database;
}

/**
 * Creates the owner (isOwner + canManageDirectories) when no admin exists, else throws SetupClosedError.
 * Race-safe across instances: the owner row and the FIRST_OWNER_SETTING row are written in one
 * transaction and only one insert of that key can win.
 */
export async function createFirstOwner({ input, actor, db = getDb() }: CreateFirstOwnerOptions): Promise<AdminSummary> {
  const data = newAdminSchema.parse(input);
  if (await hasAnyAdmin(db)) throw new SetupClosedError();
  await releaseStaleSetupLock(db);
  const passwordHash = await hashPassword(data.password);
  const id = randomUUID();
  try {
    return await runInTransaction(db, async (tx) => {
      await tx.appSetting.create({ data: { key: FIRST_OWNER_SETTING, value: id } });
      const owner = await tx.admin.create({
        data: { id, email: data.email, name: data.name, passwordHash, isOwner: true, canManageDirectories: true },
        select: summary,
      });
      await recordAudit(tx, { actor, action: "admin.add", target: { type: "admin", id, label: owner.email }, after: { email: owner.email, name: owner.name, role: roleOf(owner) } });
      return owner;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new SetupClosedError();
    throw e;
  }
}

// If every admin row was removed by hand, the setup lock still names an owner that no longer exists;
// releasing exactly that row (by its value) lets setup run again without racing a concurrent setup.
async function releaseStaleSetupLock(db: Database) {
  const lock = await db.prisma.appSetting.findUnique({ where: { key: FIRST_OWNER_SETTING } });
  if (!lock) return;
  const owner = await db.prisma.admin.findUnique({ where: { id: lock.value }, select: { id: true } });
  if (!owner) await db.prisma.appSetting.deleteMany({ where: { key: FIRST_OWNER_SETTING, value: lock.value } });
}
