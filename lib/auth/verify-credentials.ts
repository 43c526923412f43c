// Checks an admin's email and password for the Credentials provider.
import { getDb, type Database } from "@/lib/db/client";
import { MAX_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from "./password";
import { clearSignInFailures, isSignInBlocked, recordSignInFailure } from "./sign-in-throttle";

export interface VerifiedAdmin {
  id: string;
  email: string;
  name: string;
}

export type VerifyResult = { ok: true; admin: VerifiedAdmin } | { ok: false; reason: "invalid" | "throttled" };

export async function verifyAdminCredentials(emailInput: unknown, passwordInput: unknown, db: Database = getDb()): Promise<VerifyResult> {
  const email = typeof emailInput === "string" ? emailInput.trim().toLowerCase() : "";
  const password = typeof passwordInput === "string" ? passwordInput : "";
  if (!email || !password || email.length > 254 || password.length > MAX_PASSWORD_LENGTH) return { ok: false, reason: "invalid" };
  if (await isSignInBlocked(email)) return { ok: false, reason: "throttled" };
  const admin = await db.prisma.admin.findUnique({ where: { email } });
  const valid = admin ? await verifyPassword(password, admin.passwordHash) : await verifyAgainstDummy(password);
  if (!admin || !valid) {
    await recordSignInFailure(email);
    return { ok: false, reason: "invalid" };
  }
  await clearSignInFailures(email, db);
  await db.prisma.admin.update({ where: { id: admin.id }, data: { lastSignInAt: new Date() } });
  return { ok: true, admin: { id: admin.id, email: admin.email, name: admin.name } };
}
