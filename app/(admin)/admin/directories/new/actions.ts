"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createDirectory } from "@/lib/directories/create-directory";
import { runAction, type ActionResult, type ActionState } from "@/lib/admin/action-result";
import { createDirectorySchema, formFields } from "@/lib/admin/directory-schemas";
import { requirePermission } from "@/lib/auth/require-admin";

export async function createDirectoryAction(_prev: ActionState<{ directoryId: string }>, formData: FormData): Promise<ActionResult<{ directoryId: string }>> {
  const result = await runAction<{ directoryId: string }>(async () => {
    await requirePermission("manageDirectories");
    const input = createDirectorySchema.parse(formFields(formData, ["name", "type", "active"]));
    const directory = await createDirectory({ name: input.name, type: input.type, active: input.active });
    revalidatePath("/admin/directories");
    return { ok: true, message: "Directory created.", data: { directoryId: directory.id } };
  });
  if (result.ok && result.data) redirect(`/admin/directories/${result.data.directoryId}`);
  return result;
}
