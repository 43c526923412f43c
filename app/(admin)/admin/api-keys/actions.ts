"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult, type ActionState } from "@/lib/admin/action-result";
import { createApiKey } from "@/lib/admin/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/admin/api-keys/revoke-api-key";
import { formFields } from "@/lib/admin/form-fields";
import { requireActor } from "@/lib/auth/require-admin";

export interface CreatedApiKeyResult {
  id: string;
  name: string;
  key: string;
}

/**
 * Creates an API key and returns it to the caller only: it is not stored (only its hash), not put in
 * a URL and not rendered by any page, so it is shown once, in the browser that asked.
 */
export async function createApiKeyAction(_prev: ActionState<CreatedApiKeyResult>, formData: FormData): Promise<ActionResult<CreatedApiKeyResult>> {
  return runAction<CreatedApiKeyResult>(async () => {
    const actor = await requireActor("manageDirectories");
    const { name } = formFields(formData, ["name"]);
    // One checkbox per directory; none ticked means every directory (createApiKey validates them all).
    const directoryIds = formData.getAll("directoryIds").filter((v): v is string => typeof v === "string");
    const { apiKey, key } = await createApiKey({ name: name ?? "", directoryIds, actor });
    revalidatePath("/admin/api-keys");
    return { ok: true, message: "API key created.", data: { id: apiKey.id, name: apiKey.name, key } };
  });
}

export async function revokeApiKeyAction(_prev: ActionState<undefined>, formData: FormData): Promise<ActionResult<undefined>> {
  return runAction<undefined>(async () => {
    const actor = await requireActor("manageDirectories");
    const { apiKeyId } = formFields(formData, ["apiKeyId"]);
    const key = await revokeApiKey({ apiKeyId: apiKeyId ?? "", actor });
    revalidatePath("/admin/api-keys");
    return { ok: true, message: `API key “${key.name}” revoked: it no longer works.` };
  });
}
