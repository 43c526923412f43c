"use server";

import { revalidatePath } from "next/cache";
import { createApiClient } from "@/lib/directories/create-api-client";
import { revokeApiClient } from "@/lib/directories/revoke-api-client";
import { runAction, type ActionResult, type ActionState } from "@/lib/admin/action-result";
import { createApiClientSchema, formFields, idSchema, revokeApiClientSchema } from "@/lib/admin/directory-schemas";
import { AdminInputError } from "@/lib/admin/errors";
import { requireDirectory } from "@/lib/admin/require-directory";
import { requirePermission } from "@/lib/auth/require-admin";
import { getDb } from "@/lib/db/client";

export interface CreatedApiClient {
  apiClientId: string;
  clientId: string;
  clientSecret: string;
  label: string;
  /** The client id this one replaces, when created by "Rotate". */
  rotatesClientId?: string;
}

/**
 * Creates an API client and returns its secret to the caller only: it is not stored (only its hash),
 * not put in a URL and not rendered by any page, so it is shown once, in the browser that asked.
 */
export async function createApiClientAction(_prev: ActionState<CreatedApiClient>, formData: FormData): Promise<ActionResult<CreatedApiClient>> {
  return runAction<CreatedApiClient>(async () => {
    await requirePermission("manageDirectories");
    const input = createApiClientSchema.parse(formFields(formData, ["directoryId", "label"]));
    const directory = await requireDirectory(input.directoryId);
    const rotates = formData.get("rotatesApiClientId");
    let rotatesClientId: string | undefined;
    if (typeof rotates === "string" && rotates) {
      const old = await getDb().apiClient.findFirst({ where: { id: idSchema.parse(rotates), directoryId: directory.id }, select: { clientId: true } });
      if (!old) throw new AdminInputError("The client to rotate does not exist in this directory.");
      rotatesClientId = old.clientId;
    }
    const { apiClient, clientSecret } = await createApiClient({ directoryId: directory.id, label: input.label || undefined });
    revalidatePath(`/admin/directories/${directory.id}`, "layout");
    return {
      ok: true,
      message: "API client created.",
      data: { apiClientId: apiClient.id, clientId: apiClient.clientId, clientSecret, label: apiClient.label, rotatesClientId },
    };
  });
}

export async function revokeApiClientAction(_prev: ActionState<undefined>, formData: FormData): Promise<ActionResult<undefined>> {
  return runAction<undefined>(async () => {
    await requirePermission("manageDirectories");
    const input = revokeApiClientSchema.parse(formFields(formData, ["directoryId", "apiClientId"]));
    const directory = await requireDirectory(input.directoryId);
    // Scoped by both ids: a client id from another directory is refused, whatever the form says.
    const client = await getDb().apiClient.findFirst({ where: { id: input.apiClientId, directoryId: directory.id }, select: { id: true, clientId: true } });
    if (!client) throw new AdminInputError("That API client does not exist in this directory.");
    await revokeApiClient({ directoryId: directory.id, apiClientId: client.id });
    revalidatePath(`/admin/directories/${directory.id}`, "layout");
    return { ok: true, message: `Client ${client.clientId} revoked: its tokens no longer work.` };
  });
}
