// The gate in front of every admin page and server action. The session names the admin; the
// database decides what they may do now (a revoked permission or a removed admin takes effect at
// once, not when the session expires).
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { AuthorizationError } from "./errors";
import { hasPermission, permissionLabels, type AdminPrincipal, type Permission } from "./permissions";
import { getSessionIdentity } from "./session";

/** The signed-in admin as the database has it now, or null. Cached per request (layout and page share it). */
export const getCurrentAdmin = cache(async (): Promise<AdminPrincipal | null> => {
  const identity = await getSessionIdentity();
  if (!identity) return null;
  return getDb().prisma.admin.findUnique({
    where: { id: identity.adminId },
    select: { id: true, email: true, name: true, isOwner: true, canManageDirectories: true },
  });
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
