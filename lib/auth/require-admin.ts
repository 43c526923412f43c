// The gate in front of every admin page and server action. The session names the admin; the
// database decides what they may do now: a lowered role, a removed admin or "Sign out everywhere"
// (a raised session version) takes effect on the next request, not when the session expires.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { AuditActor } from "@/lib/audit/actor";
import { getDb } from "@/lib/db/client";
import { clientAddress } from "@/lib/http/client-address";
import { AuthorizationError } from "./errors";
import { hasPermission, permissionLabels, type AdminPrincipal, type Permission } from "./permissions";
import { getSessionIdentity } from "./session";

/** The signed-in admin as the database has it now, or null. Cached per request (layout and page share it). */
export const getCurrentAdmin = cache(async (): Promise<AdminPrincipal | null> => {
  const identity = await getSessionIdentity();
  if (!identity) return null;
  const admin = await getDb().prisma.admin.findUnique({
    where: { id: identity.adminId },
    select: { id: true, email: true, name: true, isOwner: true, canManageDirectories: true, sessionVersion: true },
  });
  if (!admin || admin.sessionVersion !== identity.sessionVersion) return null;
  return { id: admin.id, email: admin.email, name: admin.name, isOwner: admin.isOwner, canManageDirectories: admin.canManageDirectories };
});

/** For pages: the signed-in admin, or a redirect to /signin. */
export async function requireAdmin(): Promise<AdminPrincipal> {
  const admin = await getCurrentAdmin();
  if (!admin) redirect("/signin");
  return admin;
}

/** For server actions: the signed-in admin holding the permission, else throws AuthorizationError. */
export async function requirePermission(permission?: Permission): Promise<AdminPrincipal> {
  const admin = await getCurrentAdmin();
  if (!admin) throw new AuthorizationError("unauthenticated", "Your session has ended. Sign in again.");
  if (permission && !hasPermission(admin, permission)) {
    throw new AuthorizationError("forbidden", `You need the “${permissionLabels[permission]}” permission to do this.`);
  }
  return admin;
}

export type AdminActor = Extract<AuditActor, { type: "admin" }>;

/** For server actions that change something: requirePermission, and the admin as the audit log's actor (with the client address). */
export async function requireActor(permission?: Permission): Promise<AdminActor> {
  const admin = await requirePermission(permission);
  return { type: "admin", adminId: admin.id, email: admin.email, ip: clientAddress({ headers: await headers() }) };
}
