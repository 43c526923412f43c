// The Admins page (owner only) reads this list.
import type { AdminSummary } from "@/lib/auth/create-admin";
import { getDb } from "@/lib/db/client";

export interface AdminRow extends AdminSummary {
  lastSignInAt: Date | null;
}

export const adminRowSelect = { id: true, email: true, name: true, isOwner: true, canManageDirectories: true, createdAt: true, lastSignInAt: true } as const;

export async function listAdmins(): Promise<AdminRow[]> {
  return getDb().prisma.admin.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: adminRowSelect });
}
