import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { apiClientNotFound } from "../errors";
import { parseInput } from "../parse-input";
import { insertApiClient, type CreatedApiClient } from "./create-api-client";
import { rotateApiClientSchema } from "./schemas";

export interface RotateApiClientOptions {
  directoryId: string;
  /** The client to replace: its row id or its public client id (roster_…). */
  apiClientId: string;
  /** The replacement's label; the old client's when absent. */
  label?: string;
  actor: AuditActor;
}

/**
 * Creates the replacement of a client of this directory (a client of another directory is "not found").
 * The old client keeps working: the identity provider needs the new secret first, then the admin revokes
 * the old one, so provisioning never stops in between. Audited once, on the old client, with the
 * replacement's client id after.
 */
export async function rotateApiClient(options: RotateApiClientOptions): Promise<CreatedApiClient> {
  const { directoryId, apiClientId, label } = parseInput(rotateApiClientSchema, options);
  return runInTransaction(getDb(), async (tx) => {
    const old = await tx.apiClient.findFirst({
      where: { directoryId, OR: [{ id: apiClientId }, { clientId: apiClientId }] },
      select: { id: true, clientId: true, label: true },
    });
    if (!old) throw apiClientNotFound();
    const created = await insertApiClient(tx, directoryId, label ?? old.label);
    await recordAudit(tx, {
      actor: options.actor,
      action: "api_client.rotate",
      target: { type: "api_client", id: old.id, label: old.clientId, directoryId },
      before: { clientId: old.clientId, label: old.label },
      after: { clientId: created.apiClient.clientId, label: created.apiClient.label, replacementId: created.apiClient.id },
    });
    return { ...created, replaces: { id: old.id, clientId: old.clientId } };
  });
}
