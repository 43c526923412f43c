"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult, type ActionState } from "@/lib/admin/action-result";
import { deleteAdmin, setAdminPermissions } from "@/lib/admin/admins";
import { checkboxSchema, formFields, idSchema } from "@/lib/admin/directory-schemas";
import { AdminInputError } from "@/lib/admin/errors";
import { createAdmin } from "@/lib/auth/create-admin";
import { newAdminSchema } from "@/lib/auth/credentials-schema";
import { requirePermission } from "@/lib/auth/require-admin";

type Result = ActionResult<undefined>;
type State = ActionState<undefined>;

const addAdminSchema = newAdminSchema.extend({ canManageDirectories: checkboxSchema });

export async function addAdminAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    await requirePermission("manageAdmins");
    const input = addAdminSchema.parse(formFields(formData, ["email", "name", "password", "canManageDirectories"]));
    const admin = await createAdmin({ input, canManageDirectories: input.canManageDirectories });
    revalidatePath("/admin/admins");
    return { ok: true, message: `${admin.email} can now sign in with the password you chose. Share it with them securely.` };
  });
}

const permissionSchema = z.object({
  adminId: idSchema,
  permission: z.enum(["canManageDirectories", "isOwner"]),
  value: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export async function setAdminPermissionAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    await requirePermission("manageAdmins");
    const input = permissionSchema.parse(formFields(formData, ["adminId", "permission", "value"]));
    // Removing an owner role (even one's own) is allowed while another owner remains: setAdminPermissions checks it.
    const updated = await setAdminPermissions({ adminId: input.adminId, [input.permission]: input.value });
    revalidatePath("/admin", "layout");
    return { ok: true, message: `${updated.email} updated.` };
  });
}

export async function removeAdminAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    const me = await requirePermission("manageAdmins");
    const { adminId } = z.object({ adminId: idSchema }).parse(formFields(formData, ["adminId"]));
    if (adminId === me.id) throw new AdminInputError("You cannot remove your own account. Ask another owner to do it.");
    await deleteAdmin({ adminId });
    revalidatePath("/admin/admins");
    return { ok: true, message: "Admin removed." };
  });
}
