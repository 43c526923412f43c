import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { apiClientNotFound } from "../errors";
import { parseInput } from "../parse-input";
import { apiClientSummarySelect, type ApiClientSummary } from "./list-api-clients";
import { apiClientRefSchema } from "./schemas";

export interface RevokeApiClientOptions {
  directoryId: string;
  /** The client's row id or its public client id (roster_…). */
  apiClientId: string;
  actor: AuditActor;
}

/**
 * Revokes a client of this directory (a client of another directory is "not found") and deletes its
 * tokens, so they fail on the very next request. Revoking twice is harmless (and audited once).
 */
export async function revokeApiClient(options: RevokeApiClientOptions): Promise<ApiClientSummary> {
  const { directoryId, apiClientId } = parseInput(apiClientRefSchema, options);
  return runInTransaction(getDb(), async (tx) => {
    const client = await tx.apiClient.findFirst({
      where: { directoryId, OR: [{ id: apiClientId }, { clientId: apiClientId }] },
      select: { id: true, revokedAt: true },
    });
    if (!client) throw apiClientNotFound();
    await tx.accessToken.deleteMany({ where: { clientId: client.id, directoryId } });
    const revoked = await tx.apiClient.update({
      where: { id: client.id, directoryId },
      data: client.revokedAt ? {} : { revokedAt: new Date() },
      select: apiClientSummarySelect,
    });
    if (!client.revokedAt) {
      await recordAudit(tx, {
        actor: options.actor,
        action: "api_client.revoke",
        target: { type: "api_client", id: revoked.id, label: revoked.clientId, directoryId },
        before: { clientId: revoked.clientId, label: revoked.label, revokedAt: null },
        after: { clientId: revoked.clientId, label: revoked.label, revokedAt: revoked.revokedAt },
      });
    }
    return revoked;
  });
}
