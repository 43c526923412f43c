// What an admin may do. Every admin can read directories, users, groups and activity; the role decides
// the rest. Stored as two flags on Admin (isOwner, canManageDirectories), which the role is read from.

export type Permission = "manageDirectories" | "manageAdmins" | "viewAuditLog";

/** Owner: everything, including admins and the audit log. Directory manager: directories, clients, keys. Viewer: read-only. */
export const ADMIN_ROLES = ["owner", "directoryManager", "viewer"] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const roleLabels: Record<AdminRole, string> = {
  owner: "Owner",
  directoryManager: "Directory manager",
  viewer: "Viewer",
};

export interface AdminPrincipal {
  id: string;
  email: string;
  name: string;
  isOwner: boolean;
  canManageDirectories: boolean;
}

export const permissionLabels: Record<Permission, string> = {
  manageDirectories: "Manage user directories",
  manageAdmins: "Manage admins (owner)",
  viewAuditLog: "Read the audit log (owner)",
};

type RoleFlags = Pick<AdminPrincipal, "isOwner" | "canManageDirectories">;

export function roleOf(admin: RoleFlags): AdminRole {
  return admin.isOwner ? "owner" : admin.canManageDirectories ? "directoryManager" : "viewer";
}

export function roleFlags(role: AdminRole): RoleFlags {
  return { isOwner: role === "owner", canManageDirectories: role !== "viewer" };
}

/** Higher is more: for "lowest role" and "did this lower the role". */
export function roleRank(role: AdminRole): number {
  return ADMIN_ROLES.length - ADMIN_ROLES.indexOf(role);
}

export function hasPermission(admin: RoleFlags, permission: Permission): boolean {
  if (permission === "manageAdmins" || permission === "viewAuditLog") return admin.isOwner;
  return admin.isOwner || admin.canManageDirectories;
}
