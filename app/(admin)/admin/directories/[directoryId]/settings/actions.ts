"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult, type ActionState } from "@/lib/admin/action-result";
import { addProfileField } from "@/lib/admin/directories/add-profile-field";
import { deleteDirectory } from "@/lib/admin/directories/delete-directory";
import { getDirectory } from "@/lib/admin/directories/get-directory";
import { removeProfileField } from "@/lib/admin/directories/remove-profile-field";
import { updateDirectory } from "@/lib/admin/directories/update-directory";
import { AdminError, directoryNotFound } from "@/lib/admin/errors";
import { formBoolean, formFields } from "@/lib/admin/form-fields";
import { requireActor } from "@/lib/auth/require-admin";

// Each action reads its form and calls the operation, which validates the input with the same schema
// the CLI goes through and refuses a directory that does not exist.

type Result = ActionResult<undefined>;
type State = ActionState<undefined>;

function revalidateDirectory(directoryId: string) {
  revalidatePath(`/admin/directories/${directoryId}`, "layout");
  revalidatePath("/admin/directories");
}

export async function renameDirectoryAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    const actor = await requireActor("manageDirectories");
    const { directoryId, name } = formFields(formData, ["directoryId", "name"]);
    const directory = await updateDirectory({ directoryId: directoryId ?? "", name: name ?? "", actor });
    revalidateDirectory(directory.id);
    return { ok: true, message: "Name saved." };
  });
}

export async function setDeprovisionPolicyAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    const actor = await requireActor("manageDirectories");
    const { directoryId, deprovisionPolicy } = formFields(formData, ["directoryId", "deprovisionPolicy"]);
    // The operation's schema refuses anything but "erase" and "retain".
    const directory = await updateDirectory({ directoryId: directoryId ?? "", deprovisionPolicy: (deprovisionPolicy ?? "") as "erase" | "retain", actor });
    revalidateDirectory(directory.id);
    return { ok: true, message: directory.deprovisionPolicy === "retain" ? "Deleted users will be retained, deactivated." : "Deleted users will be erased." };
  });
}

export async function setDirectoryActiveAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    const actor = await requireActor("manageDirectories");
    const fields = formFields(formData, ["directoryId", "active"]);
    const directory = await updateDirectory({ directoryId: fields.directoryId ?? "", active: formBoolean(fields, "active"), actor });
    revalidateDirectory(directory.id);
    return { ok: true, message: directory.active ? "Directory activated." : "Directory deactivated: Roster now refuses its SCIM requests." };
  });
}

export async function deleteDirectoryAction(_prev: State, formData: FormData): Promise<Result> {
  const result = await runAction<undefined>(async () => {
    const actor = await requireActor("manageDirectories");
    const { directoryId, confirmation } = formFields(formData, ["directoryId", "confirmation"]);
    const directory = await getDirectory({ directoryId: directoryId ?? "" });
    if (!directory) throw directoryNotFound();
    // The console asks for the name typed out; the CLI's explicit --id is its confirmation.
    if (confirmation !== directory.name) {
      throw new AdminError("invalid", "Type the directory name exactly to confirm.", { confirmation: "Type the directory name exactly to confirm." });
    }
    await deleteDirectory({ directoryId: directory.id, actor });
    revalidatePath("/admin/directories");
    return { ok: true, message: "Directory deleted." };
  });
  if (result.ok) redirect("/admin/directories");
  return result;
}

export async function addProfileFieldAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    const actor = await requireActor("manageDirectories");
    const { directoryId, name, label } = formFields(formData, ["directoryId", "name", "label"]);
    const field = await addProfileField({ directoryId: directoryId ?? "", name: name ?? "", label: label ?? "", actor });
    revalidateDirectory((directoryId ?? "").trim());
    return { ok: true, message: `profileField_${field.name} added.` };
  });
}

export async function removeProfileFieldAction(_prev: State, formData: FormData): Promise<Result> {
  return runAction(async () => {
    const actor = await requireActor("manageDirectories");
    const { directoryId, profileFieldId } = formFields(formData, ["directoryId", "profileFieldId"]);
    await removeProfileField({ directoryId: directoryId ?? "", profileFieldId: profileFieldId ?? "", actor });
    revalidateDirectory((directoryId ?? "").trim());
    return { ok: true, message: "Profile field removed." };
  });
}
