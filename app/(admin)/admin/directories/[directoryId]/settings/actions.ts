"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { deleteDirectory } from "@/lib/directories/delete-directory";
import { updateDirectory } from "@/lib/directories/update-directory";
import { runAction, type ActionResult, type ActionState } from "@/lib/admin/action-result";
import { deleteDirectorySchema, deprovisionPolicySchema, formFields, idSchema, renameDirectorySchema, setActiveSchema } from "@/lib/admin/directory-schemas";
import { AdminInputError } from "@/lib/admin/errors";
import { addProfileField, removeProfileField } from "@/lib/admin/profile-fields";
import { requireDirectory } from "@/lib/admin/require-directory";
import { requirePermission } from "@/lib/auth/require-admin";
import { z } from "zod";

type Result = ActionResult<undefined>;
type State = ActionState<undefined>;

function revalidateDirectory(directoryId: string) {
  revalidatePath(`/admin/directories/${directoryId}`, "layout");
  revalidatePath("/admin/directories");
}

export async function renameDirectoryAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    await requirePermission("manageDirectories");
    const input = renameDirectorySchema.parse(formFields(formData, ["directoryId", "name"]));
    await requireDirectory(input.directoryId);
    await updateDirectory({ directoryId: input.directoryId, name: input.name });
    revalidateDirectory(input.directoryId);
    return { ok: true, message: "Name saved." };
  });
}

export async function setDeprovisionPolicyAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    await requirePermission("manageDirectories");
    const input = deprovisionPolicySchema.parse(formFields(formData, ["directoryId", "deprovisionPolicy"]));
    await requireDirectory(input.directoryId);
    await updateDirectory({ directoryId: input.directoryId, deprovisionPolicy: input.deprovisionPolicy });
    revalidateDirectory(input.directoryId);
    return { ok: true, message: input.deprovisionPolicy === "retain" ? "Deleted users will be retained, deactivated." : "Deleted users will be erased." };
  });
}

export async function setDirectoryActiveAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    await requirePermission("manageDirectories");
    const input = setActiveSchema.parse(formFields(formData, ["directoryId", "active"]));
    await requireDirectory(input.directoryId);
    await updateDirectory({ directoryId: input.directoryId, active: input.active });
    revalidateDirectory(input.directoryId);
    return { ok: true, message: input.active ? "Directory activated." : "Directory deactivated: Roster now refuses its SCIM requests." };
  });
}

export async function deleteDirectoryAction(_prev: State, formData: FormData): Promise<Result> {
  const result = await runAction<undefined>(async () => {
    await requirePermission("manageDirectories");
    const input = deleteDirectorySchema.parse(formFields(formData, ["directoryId", "confirmation"]));
    const directory = await requireDirectory(input.directoryId);
    if (input.confirmation !== directory.name) {
      throw new AdminInputError("Type the directory name exactly to confirm.", "confirmation");
    }
    await deleteDirectory({ directoryId: directory.id });
    revalidatePath("/admin/directories");
    return { ok: true, message: "Directory deleted." };
  });
  if (result.ok) redirect("/admin/directories");
  return result;
}

export async function addProfileFieldAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    await requirePermission("manageDirectories");
    const { directoryId, name, label } = formFields(formData, ["directoryId", "name", "label"]);
    const directory = await requireDirectory(idSchema.parse(directoryId));
    const field = await addProfileField({ directoryId: directory.id, name: name ?? "", label: label ?? "" });
    revalidateDirectory(directory.id);
    return { ok: true, message: `profileField_${field.name} added.` };
  });
}

export async function removeProfileFieldAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    await requirePermission("manageDirectories");
    const input = z.object({ directoryId: idSchema, profileFieldId: idSchema }).parse(formFields(formData, ["directoryId", "profileFieldId"]));
    await requireDirectory(input.directoryId);
    await removeProfileField({ directoryId: input.directoryId, profileFieldId: input.profileFieldId });
    revalidateDirectory(input.directoryId);
    return { ok: true, message: "Profile field removed." };
  });
}
