"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult, type ActionState } from "@/lib/admin/action-result";
import { createDirectory } from "@/lib/admin/directories/create-directory";
import { formBoolean, formFields } from "@/lib/admin/form-fields";
import { requireActor } from "@/lib/auth/require-admin";

export async function createDirectoryAction(_prev: ActionState<{ directoryId: string }>, formData: FormData): Promise<ActionResult<{ directoryId: string }>> {
  const result = await runAction<{ directoryId: string }>(async () => {
    const actor = await requireActor("manageDirectories");
    const fields = formFields(formData, ["name", "type", "active"]);
    // createDirectory validates with the schema the CLI goes through (createDirectorySchema).
    const directory = await createDirectory({ name: fields.name ?? "", type: fields.type, active: formBoolean(fields, "active"), actor });
    revalidatePath("/admin/directories");
    return { ok: true, message: "Directory created.", data: { directoryId: directory.id } };
  });
  if (result.ok && result.data) redirect(`/admin/directories/${result.data.directoryId}`);
  return result;
}
