// What an admin may do. Every admin can read directories, users, groups and activity.

export type Permission = "manageDirectories" | "manageAdmins";

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
};

export function hasPermission(admin: Pick<AdminPrincipal, "isOwner" | "canManageDirectories">, permission: Permission): boolean {
  if (permission === "manageAdmins") return admin.isOwner;
  return admin.isOwner || admin.canManageDirectories;
}
