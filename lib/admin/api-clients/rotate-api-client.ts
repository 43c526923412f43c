import { getDb } from "@/lib/db/client";
import { apiClientNotFound } from "../errors";
import { parseInput } from "../parse-input";
import { createApiClient, type CreatedApiClient } from "./create-api-client";
import { rotateApiClientSchema } from "./schemas";

export interface RotateApiClientOptions {
  directoryId: string;
  /** The client to replace: its row id or its public client id (roster_…). */
  apiClientId: string;
  /** The replacement's label; the old client's when absent. */
  label?: string;
}

/**
 * Creates the replacement of a client of this directory (a client of another directory is "not found").
 * The old client keeps working: the identity provider needs the new secret first, then the admin revokes
 * the old one, so provisioning never stops in between.
 */
export async function rotateApiClient(options: RotateApiClientOptions): Promise<CreatedApiClient> {
  const { directoryId, apiClientId, label } = parseInput(rotateApiClientSchema, options);
  const old = await getDb().prisma.apiClient.findFirst({
    where: { directoryId, OR: [{ id: apiClientId }, { clientId: apiClientId }] },
    select: { id: true, clientId: true, label: true },
  });
  if (!old) throw apiClientNotFound();
  const created = await createApiClient({ directoryId, label: label ?? old.label });
  return { ...created, replaces: { id: old.id, clientId: old.clientId } };
}
