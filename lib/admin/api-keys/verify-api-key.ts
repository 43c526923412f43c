import { getDb } from "@/lib/db/client";
import { digestsEqual, sha256Hex } from "@/lib/oauth/credentials";
import { parseDirectoryIds } from "./api-key-summary";

export interface VerifyApiKeyOptions {
  /** The key as the application presented it. */
  key: string;
  now?: Date;
}

/** A key that may read: its id and name, and the directories it may read (null: all of them). */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  directoryIds: string[] | null;
}

export type VerifyApiKeyResult = { ok: true; apiKey: ApiKeyPrincipal } | { ok: false; reason: "unknown" | "revoked" };

/** lastUsedAt is a "when roughly" for the console: one write a minute per key, not one per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Checks a presented API key: one unique-index lookup by its SHA-256, read afresh on every request so a
 * revoked key fails on the next request on every instance. The stored digest is then compared with the
 * computed one in constant time, so nothing about a stored digest can be learnt from response times
 * whatever the index lookup does. The key itself is never logged or stored.
 */
export async function verifyApiKey({ key, now = new Date() }: VerifyApiKeyOptions): Promise<VerifyApiKeyResult> {
  const keyHash = sha256Hex(key);
  const db = getDb();
  const row = await db.prisma.apiKey.findUnique({
    where: { keyHash },
    select: { id: true, name: true, keyHash: true, directoryIds: true, lastUsedAt: true, revokedAt: true },
  });
  if (!row || !digestsEqual(row.keyHash, keyHash)) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.lastUsedAt || row.lastUsedAt < staleBefore) {
    // Conditional, so instances racing on the same key write it once.
    await db.prisma.apiKey.updateMany({ where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] }, data: { lastUsedAt: now } });
  }
  const directoryIds = parseDirectoryIds(row.directoryIds);
  return { ok: true, apiKey: { id: row.id, name: row.name, directoryIds: directoryIds.length ? directoryIds : null } };
}
