import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { AdminError } from "../errors";
import { parseInput } from "../parse-input";
import { apiKeySummarySelect, toApiKeySummary, type ApiKeySummary } from "./api-key-summary";
import { revokeApiKeySchema } from "./schemas";

export interface RevokeApiKeyOptions {
  apiKeyId: string;
  actor: AuditActor;
}

/**
 * Revokes a key. Every request looks the key up afresh (nothing is cached across requests), so it
 * fails from the next request on, on every instance. Revoking twice keeps the first time (and is
 * audited once).
 */
export async function revokeApiKey(options: RevokeApiKeyOptions): Promise<ApiKeySummary> {
  const { apiKeyId } = parseInput(revokeApiKeySchema, options);
  return runInTransaction(getDb(), async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id: apiKeyId, revokedAt: null }, data: { revokedAt: new Date() } });
    const row = await tx.apiKey.findUnique({ where: { id: apiKeyId }, select: apiKeySummarySelect });
    if (!row) throw new AdminError("not_found", "API key not found");
    const apiKey = toApiKeySummary(row);
    if (count > 0) {
      await recordAudit(tx, {
        actor: options.actor,
        action: "api_key.revoke",
        target: { type: "api_key", id: apiKey.id, label: apiKey.name },
        before: { name: apiKey.name, keyPrefix: apiKey.keyPrefix, revokedAt: null },
        after: { name: apiKey.name, keyPrefix: apiKey.keyPrefix, revokedAt: apiKey.revokedAt },
      });
    }
    return apiKey;
  });
}
