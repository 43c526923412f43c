import { getDb } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";
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

interface KeyRow {
  id: string;
  name: string;
  keyHash: string;
  directoryIds: unknown;
  revoked: unknown;
  stale: unknown;
}

/**
 * Checks a presented API key: one unique-index lookup by its SHA-256 in plain SQL (it runs on every
 * /api/v1 request), read afresh each time so a revoked key fails on the next request on every instance.
 * The stored digest is then compared with the computed one in constant time, so nothing about a stored
 * digest can be learnt from response times whatever the index lookup does. The key itself is never
 * logged or stored.
 */
export async function verifyApiKey({ key, now = new Date() }: VerifyApiKeyOptions): Promise<VerifyApiKeyResult> {
  const keyHash = sha256Hex(key);
  const db = getDb();
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  // Flags computed in SQL as 0/1, so both databases answer alike (as in lib/oauth/authenticate-bearer.ts).
  const stale = (p: SqlParams) => `("lastUsedAt" IS NULL OR "lastUsedAt" < ${p.add(staleBefore)})`;
  const p = new SqlParams(db.kind);
  const [row] = await db.sql.query<KeyRow>(
    `SELECT "id", "name", "keyHash", "directoryIds",
            CASE WHEN "revokedAt" IS NULL THEN 0 ELSE 1 END AS "revoked",
            CASE WHEN ${stale(p)} THEN 1 ELSE 0 END AS "stale"
       FROM "ApiKey" WHERE "keyHash" = ${p.add(keyHash)}`,
    p.values,
  );
  if (!row || !digestsEqual(String(row.keyHash), keyHash)) return { ok: false, reason: "unknown" };
  if (Number(row.revoked)) return { ok: false, reason: "revoked" };
  if (Number(row.stale)) {
    // Conditional, so instances racing on the same key write it once.
    const u = new SqlParams(db.kind);
    await db.sql.execute(`UPDATE "ApiKey" SET "lastUsedAt" = ${u.add(now)} WHERE "id" = ${u.add(row.id)} AND ${stale(u)}`, u.values);
  }
  const directoryIds = parseDirectoryIds(row.directoryIds);
  return { ok: true, apiKey: { id: row.id, name: row.name, directoryIds: directoryIds.length ? directoryIds : null } };
}
