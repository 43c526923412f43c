import { getDb } from "@/lib/db/client";
import { newApiKey, sha256Hex } from "@/lib/oauth/credentials";
import { AdminError } from "../errors";
import { parseInput } from "../parse-input";
import { apiKeySummarySelect, toApiKeySummary, type ApiKeySummary } from "./api-key-summary";
import { createApiKeySchema } from "./schemas";

export interface CreateApiKeyOptions {
  name: string;
  /** Restrict the key to these directories; none (the default) means every directory. */
  directoryIds?: string[];
  /** Who made it: the admin's email, or "CLI". */
  createdBy?: string;
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
  const { name, directoryIds, createdBy } = parseInput(createApiKeySchema, options);
  const db = getDb();
  if (directoryIds.length) {
    const found = new Set((await db.prisma.directory.findMany({ where: { id: { in: directoryIds } }, select: { id: true } })).map((d) => d.id));
    const missing = directoryIds.find((id) => !found.has(id));
    if (missing) throw new AdminError("not_found", `Directory ${missing} not found`, { directoryIds: `Directory ${missing} not found` });
  }
  const key = newApiKey();
  const row = await db.prisma.apiKey.create({
    data: { name, keyHash: sha256Hex(key), keyPrefix: key.slice(0, PREFIX_LENGTH), directoryIds, createdBy },
    select: apiKeySummarySelect,
  });
  return { apiKey: toApiKeySummary(row), key };
}
