"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult, type ActionState } from "@/lib/admin/action-result";
import { deleteAdmin } from "@/lib/admin/admins/delete-admin";
import { setAdminPermissions } from "@/lib/admin/admins/set-admin-permissions";
import { AdminError } from "@/lib/admin/errors";
import { formBoolean, formFields } from "@/lib/admin/form-fields";
import { createAdmin } from "@/lib/auth/create-admin";
import { requirePermission } from "@/lib/auth/require-admin";

type Result = ActionResult<undefined>;
type State = ActionState<undefined>;

export async function addAdminAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    await requirePermission("manageAdmins");
    const fields = formFields(formData, ["email", "name", "password", "canManageDirectories"]);
    const { email, name, password } = fields;
    // createAdmin validates the account with newAdminSchema.
    const admin = await createAdmin({ input: { email: email ?? "", name, password: password ?? "" }, canManageDirectories: formBoolean(fields, "canManageDirectories") });
    revalidatePath("/admin/admins");
    return { ok: true, message: `${admin.email} can now sign in with the password you chose. Share it with them securely.` };
  });
}

const PERMISSIONS = ["canManageDirectories", "isOwner"] as const;

export async function setAdminPermissionAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    await requirePermission("manageAdmins");
    const fields = formFields(formData, ["adminId", "permission", "value"]);
    const permission = PERMISSIONS.find((p) => p === fields.permission);
    if (!permission) throw new AdminError("invalid", "Unknown permission", { permission: "Unknown permission" });
    // Removing an owner role (even one's own) is allowed while another owner remains: setAdminPermissions checks it.
    const updated = await setAdminPermissions({ adminId: fields.adminId ?? "", [permission]: formBoolean(fields, "value") });
    revalidatePath("/admin", "layout");
    return { ok: true, message: `${updated.email} updated.` };
  });
}

export async function removeAdminAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    const me = await requirePermission("manageAdmins");
    const { adminId } = formFields(formData, ["adminId"]);
    if (adminId?.trim() === me.id) throw new AdminError("invalid", "You cannot remove your own account. Ask another owner to do it.");
    await deleteAdmin({ adminId: adminId ?? "" });
    revalidatePath("/admin/admins");
    return { ok: true, message: "Admin removed." };
  });
}
