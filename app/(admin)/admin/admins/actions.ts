"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult, type ActionState } from "@/lib/admin/action-result";
import { addAdmin } from "@/lib/admin/admins/add-admin";
import { deleteAdmin } from "@/lib/admin/admins/delete-admin";
import { setAdminRole } from "@/lib/admin/admins/set-admin-role";
import { signOutEverywhere } from "@/lib/admin/admins/sign-out-everywhere";
import { AdminError } from "@/lib/admin/errors";
import { formFields } from "@/lib/admin/form-fields";
import { roleLabels, type AdminRole } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/require-admin";

type Result = ActionResult<undefined>;
type State = ActionState<undefined>;

export async function addAdminAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    const actor = await requireActor("manageAdmins");
    const { email, name, password, role } = formFields(formData, ["email", "name", "password", "role"]);
    // addAdmin validates the account and the role (addAdminSchema).
    const admin = await addAdmin({ email: email ?? "", name, password: password ?? "", role: (role || undefined) as AdminRole | undefined, actor });
    revalidatePath("/admin/admins");
    return { ok: true, message: `${admin.email} can now sign in with the password you chose. Share it with them securely.` };
  });
}

export async function setAdminRoleAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    const actor = await requireActor("manageAdmins");
    const { adminId, role } = formFields(formData, ["adminId", "role"]);
    // Lowering an owner (even oneself) is allowed while another owner remains: setAdminRole checks it.
    const updated = await setAdminRole({ adminId: adminId ?? "", role: (role ?? "") as AdminRole, actor });
    revalidatePath("/admin", "layout");
    return { ok: true, message: `${updated.email} is now ${roleLabels[role as AdminRole]}.` };
  });
}

export async function removeAdminAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    const actor = await requireActor("manageAdmins");
    const { adminId } = formFields(formData, ["adminId"]);
    if (adminId?.trim() === actor.adminId) throw new AdminError("invalid", "You cannot remove your own account. Ask another owner to do it.");
    await deleteAdmin({ adminId: adminId ?? "", actor });
    revalidatePath("/admin/admins");
    return { ok: true, message: "Admin removed." };
  });
}

/** Ends every session of an admin: one's own (any admin), or another admin's (owners only). */
export async function signOutEverywhereAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    const { adminId } = formFields(formData, ["adminId"]);
    const self = await requireActor();
    const target = adminId?.trim() || self.adminId;
    const actor = target === self.adminId ? self : await requireActor("manageAdmins");
    await signOutEverywhere({ adminId: target, actor });
    revalidatePath("/admin", "layout");
    return { ok: true, message: target === self.adminId ? "Every session of yours has ended, this one too." : "Their sessions have ended on every device." };
  });
}
