// The key that signs and encrypts admin sessions (next-auth JWTs).
// NEXTAUTH_SECRET or AUTH_SECRET when configured; otherwise 32 random bytes generated on first use and
// kept in AppSetting, so every instance and every restart reads back the same one. Never a default in code.
import { randomBytes } from "node:crypto";
import { getDb, type Database } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { settings } from "@/lib/settings";

export const SESSION_SECRET_SETTING = "nextauth_secret";

export function configuredSessionSecret(): string | undefined {
  return settings().auth.sessionSecret;
}

export async function getSessionSecret(db: Database = getDb()): Promise<string> {
  const configured = configuredSessionSecret();
  if (configured) return configured;
  const existing = await db.prisma.appSetting.findUnique({ where: { key: SESSION_SECRET_SETTING } });
  if (existing) return existing.value;
  // Insert-if-absent, then read back: when two instances start together, the primary key lets only
  // one insert win and both end up with the winner's value.
  try {
    await db.prisma.appSetting.create({ data: { key: SESSION_SECRET_SETTING, value: randomBytes(32).toString("base64url") } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const stored = await db.prisma.appSetting.findUniqueOrThrow({ where: { key: SESSION_SECRET_SETTING } });
  return stored.value;
}
