// A single sign-on that failed before Roster saw an ID token (next-auth's OAUTH_CALLBACK_ERROR: a state,
// PKCE or nonce check that failed, an error the identity provider sent back, a token it would not
// issue) is a failed sign-in: audited like the refusals of admit-sso-user.ts, in their bounded buckets.
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type Database } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { auditRefusedSsoSignIn } from "./sign-in-throttle";

export interface RecordSsoCallbackFailureOptions {
  /** next-auth's provider id ("oidc", "azure-ad"). */
  providerId: string;
  /** The error next-auth caught; only its first clause is kept ("state mismatch", not the values). */
  error: unknown;
  ip?: string;
  db?: Database;
}

export async function recordSsoCallbackFailure({ providerId, error, ip, db = getDb() }: RecordSsoCallbackFailureOptions): Promise<void> {
  const audit = await auditRefusedSsoSignIn(ip);
  if (!audit.record) return;
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const detail = message.split(/[,:\n]/)[0].trim().slice(0, 100) || "callback failed";
  await runInTransaction(db, (tx) =>
    recordAudit(tx, {
      actor: { type: "anonymous", email: "", ip },
      action: "auth.sign_in_failed",
      target: { type: "session", label: "" },
      after: { method: providerId, reason: "callback_error", detail, ...(audit.note ? { note: audit.note } : {}) },
    }),
  );
}
