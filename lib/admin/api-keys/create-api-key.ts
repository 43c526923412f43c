import { actorLabel, type AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { newApiKey, sha256Hex } from "@/lib/oauth/credentials";
import { AdminError } from "../errors";
import { parseInput } from "../parse-input";
import { apiKeySummarySelect, toApiKeySummary, type ApiKeySummary } from "./api-key-summary";
import { createApiKeySchema } from "./schemas";

export interface CreateApiKeyOptions {
  name: string;
  /** Restrict the key to these directories; none (the default) means every directory. */
  directoryIds?: string[];
  /** Who made it; also what the key's createdBy says (the admin's email, or "CLI"). */
  actor: AuditActor;
}

export interface CreatedApiKey {
  apiKey: ApiKeySummary;
  /** Shown once: only its SHA-256 is stored, so it can never be read back. */
  key: string;
}

/** The part of the key kept in clear for recognising it: `rk_` and 8 of its 43 random characters. */
const PREFIX_LENGTH = "rk_".length + 8;

/**
 * A new API key with 256 bits of randomness, stored only as SHA-256 hex: a fast hash is right for a
 * value that cannot be guessed (no dictionary to try), and it keeps each request's check to one
 * unique-index lookup. Every directory it is restricted to must exist.
 */
export async function createApiKey(options: CreateApiKeyOptions): Promise<CreatedApiKey> {
  const { name, directoryIds } = parseInput(createApiKeySchema, options);
  return runInTransaction(getDb(), async (tx) => {
    if (directoryIds.length) {
      const found = new Set((await tx.directory.findMany({ where: { id: { in: directoryIds } }, select: { id: true } })).map((d) => d.id));
      const missing = directoryIds.find((id) => !found.has(id));
      if (missing) throw new AdminError("not_found", `Directory ${missing} not found`, { directoryIds: `Directory ${missing} not found` });
    }
    const key = newApiKey();
    const row = await tx.apiKey.create({
      data: { name, keyHash: sha256Hex(key), keyPrefix: key.slice(0, PREFIX_LENGTH), directoryIds, createdBy: actorLabel(options.actor) },
      select: apiKeySummarySelect,
    });
    const apiKey = toApiKeySummary(row);
    await recordAudit(tx, {
      actor: options.actor,
      action: "api_key.create",
      target: { type: "api_key", id: apiKey.id, label: apiKey.name },
      after: { name: apiKey.name, keyPrefix: apiKey.keyPrefix, directoryIds: apiKey.directoryIds },
    });
    return { apiKey, key };
  });
}
