import { roleOf, type AdminPrincipal } from "@/lib/auth/permissions";

/** An admin account as its audit rows show it (never the password hash). */
export function adminAuditValues(a: Pick<AdminPrincipal, "email" | "name" | "isOwner" | "canManageDirectories">) {
  return { email: a.email, name: a.name, role: roleOf(a) };
}
