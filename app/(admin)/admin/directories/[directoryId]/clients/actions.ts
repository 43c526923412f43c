"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult, type ActionState } from "@/lib/admin/action-result";
import { createApiClient, type CreatedApiClient } from "@/lib/admin/api-clients/create-api-client";
import { revokeApiClient } from "@/lib/admin/api-clients/revoke-api-client";
import { rotateApiClient } from "@/lib/admin/api-clients/rotate-api-client";
import { formFields } from "@/lib/admin/form-fields";
import { requireActor } from "@/lib/auth/require-admin";

/**
 * Creates an API client (or, with rotatesApiClientId, the replacement of one) and returns its secret to
 * the caller only: it is not stored (only its hash), not put in a URL and not rendered by any page, so
 * it is shown once, in the browser that asked.
 */
export async function createApiClientAction(_prev: ActionState<CreatedApiClient>, formData: FormData): Promise<ActionResult<CreatedApiClient>> {
  return runAction<CreatedApiClient>(async () => {
    const actor = await requireActor("manageDirectories");
    const { directoryId, label, rotatesApiClientId } = formFields(formData, ["directoryId", "label", "rotatesApiClientId"]);
    const created = rotatesApiClientId
      ? await rotateApiClient({ directoryId: directoryId ?? "", apiClientId: rotatesApiClientId, label, actor })
      : await createApiClient({ directoryId: directoryId ?? "", label, actor });
    revalidatePath(`/admin/directories/${(directoryId ?? "").trim()}`, "layout");
    return { ok: true, message: "API client created.", data: created };
  });
}

export async function revokeApiClientAction(_prev: ActionState<undefined>, formData: FormData): Promise<ActionResult<undefined>> {
  return runAction<undefined>(async () => {
    const actor = await requireActor("manageDirectories");
    const { directoryId, apiClientId } = formFields(formData, ["directoryId", "apiClientId"]);
    // Scoped by both ids: a client of another directory is "not found", whatever the form says.
    const client = await revokeApiClient({ directoryId: directoryId ?? "", apiClientId: apiClientId ?? "", actor });
    revalidatePath(`/admin/directories/${(directoryId ?? "").trim()}`, "layout");
    return { ok: true, message: `Client ${client.clientId} revoked: its tokens no longer work.` };
  });
}
