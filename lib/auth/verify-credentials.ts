// Checks an admin's email and password for the Credentials provider; every attempt that is not
// throttled leaves an audit row (auth.sign_in or auth.sign_in_failed) with the client address, except
// failures for unknown emails past their bound (lib/auth/sign-in-throttle.ts).
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type Database } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { MAX_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from "./password";
import { auditUnknownEmailFailure, clearSignInFailures, isSignInBlocked, recordSignInFailure } from "./sign-in-throttle";

export interface VerifiedAdmin {
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
}

export type VerifyResult = { ok: true; admin: VerifiedAdmin } | { ok: false; reason: "invalid" | "throttled" };

export interface VerifyAdminCredentialsOptions {
  email: unknown;
  password: unknown;
  /** The client address, for the audit log. */
  ip?: string;
  db?: Database;
}

export async function verifyAdminCredentials({ email: emailInput, password: passwordInput, ip, db = getDb() }: VerifyAdminCredentialsOptions): Promise<VerifyResult> {
  const email = typeof emailInput === "string" ? emailInput.trim().toLowerCase() : "";
  const password = typeof passwordInput === "string" ? passwordInput : "";
  if (!email || !password || email.length > 254 || password.length > MAX_PASSWORD_LENGTH) return { ok: false, reason: "invalid" };
  // A throttled attempt is not audited: a flood against one email writes at most MAX_FAILURES rows per window.
  if (await isSignInBlocked(email)) return { ok: false, reason: "throttled" };
  const admin = await db.prisma.admin.findUnique({ where: { email } });
  const valid = admin ? await verifyPassword(password, admin.passwordHash) : await verifyAgainstDummy(password);
  if (!admin || !valid) {
    await recordSignInFailure(email);
    // Unknown emails are bounded per address and in all (sign-in-throttle.ts); a known admin's by the throttle above.
    const audit = admin ? { record: true } : await auditUnknownEmailFailure(ip);
    if (!audit.record) return { ok: false, reason: "invalid" };
    const note = audit.note ? { note: audit.note } : {};
    await runInTransaction(db, (tx) =>
      recordAudit(tx, {
        actor: { type: "anonymous", email, ip },
        action: "auth.sign_in_failed",
        target: { type: "session", id: admin?.id ?? null, label: email },
        after: { method: "password", reason: admin ? "wrong password" : "unknown email", ...note },
      }),
    );
    return { ok: false, reason: "invalid" };
  }
  await clearSignInFailures(email, db);
  await runInTransaction(db, async (tx) => {
    await tx.admin.update({ where: { id: admin.id }, data: { lastSignInAt: new Date() } });
    await recordAudit(tx, {
      actor: { type: "admin", adminId: admin.id, email: admin.email, ip },
      action: "auth.sign_in",
      target: { type: "session", id: admin.id, label: admin.email },
      after: { method: "password" },
    });
  });
  return { ok: true, admin: { id: admin.id, email: admin.email, name: admin.name, sessionVersion: admin.sessionVersion } };
}
