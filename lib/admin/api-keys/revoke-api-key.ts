import { getDb } from "@/lib/db/client";
import { AdminError } from "../errors";
import { parseInput } from "../parse-input";
import { apiKeySummarySelect, toApiKeySummary, type ApiKeySummary } from "./api-key-summary";
import { revokeApiKeySchema } from "./schemas";

export interface RevokeApiKeyOptions {
  apiKeyId: string;
}

/**
 * Revokes a key. Every request looks the key up afresh (nothing is cached across requests), so it
 * fails from the next request on, on every instance. Revoking twice keeps the first time.
 */
export async function revokeApiKey(options: RevokeApiKeyOptions): Promise<ApiKeySummary> {
  const { apiKeyId } = parseInput(revokeApiKeySchema, options);
  const db = getDb();
  await db.prisma.apiKey.updateMany({ where: { id: apiKeyId, revokedAt: null }, data: { revokedAt: new Date() } });
  const row = await db.prisma.apiKey.findUnique({ where: { id: apiKeyId }, select: apiKeySummarySelect });
  if (!row) throw new AdminError("not_found", "API key not found");
  return toApiKeySummary(row);
}
