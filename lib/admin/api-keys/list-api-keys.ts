import { getDb } from "@/lib/db/client";
import { apiKeySummarySelect, toApiKeySummary, type ApiKeySummary } from "./api-key-summary";

export interface ListApiKeysOptions {
  /** Include revoked keys (default true: the console and the CLI show them, marked). */
  includeRevoked?: boolean;
}

/** Every API key, active ones first, newest first within each; never the hash. */
export async function listApiKeys({ includeRevoked = true }: ListApiKeysOptions = {}): Promise<ApiKeySummary[]> {
  const rows = await getDb().prisma.apiKey.findMany({
    where: includeRevoked ? {} : { revokedAt: null },
    select: apiKeySummarySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  // A stable sort keeps newest-first within the active and the revoked keys.
  return rows.map(toApiKeySummary).sort((a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)));
}
