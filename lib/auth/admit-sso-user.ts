// Who may sign in to the console through single sign-on (the generic OpenID Connect provider or
// Microsoft Entra ID): the ID token's verified email must belong to an existing admin, or its domain
// be in ROSTER_OIDC_ALLOWED_DOMAINS (a new admin is then created with the lowest role, Viewer). With
// ROSTER_OIDC_ROLE_CLAIM set, that claim's values set the role at every sign-in. Every attempt, admitted
// or refused, leaves an audit row, refusals at most as many as lib/auth/sign-in-throttle.ts allows.
import { randomUUID } from "node:crypto";
import { setAdminRole } from "@/lib/admin/admins/set-admin-role";
import { AdminError } from "@/lib/admin/errors";
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type Database } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { runInTransaction } from "@/lib/db/transaction";
import { settings, type Settings } from "@/lib/settings";
import { roleFlags, roleOf, roleRank, type AdminRole } from "./permissions";
import { auditRefusedSsoSignIn } from "./sign-in-throttle";

export type SsoProvider = "oidc" | "azure-ad";

export interface AdmitSsoUserOptions {
  provider: SsoProvider;
  /** The ID token's claims, as next-auth verified them (signature, issuer, audience, nonce). */
  claims: Record<string, unknown>;
  ip?: string;
  db?: Database;
  sso?: Settings["sso"];
}

export type AdmitResult =
  | { ok: true; admin: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "no_verified_email" | "wrong_tenant" | "not_allowed" };

/** Marks an admin created by single sign-on: not a password hash, so no password ever matches it. */
const NO_PASSWORD = "sso-only";

const ROLE_VALUES: Record<string, AdminRole> = { owner: "owner", directorymanager: "directoryManager", viewer: "viewer" };

/** The highest role the claim's values name (`Roster.Owner`, `owner`, …), undefined when none. */
export function roleFromClaim(value: unknown): AdminRole | undefined {
  const values = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[\s,]+/) : [];
  let best: AdminRole | undefined;
  for (const v of values) {
    if (typeof v !== "string") continue;
    const role = ROLE_VALUES[v.toLowerCase().replace(/^roster[.:_-]?/, "").replace(/[\s._-]/g, "")];
    if (role && (!best || roleRank(role) > roleRank(best))) best = role;
  }
  return best;
}

/** The email the token vouches for, or undefined. */
function verifiedEmail(provider: SsoProvider, claims: Record<string, unknown>, sso: Settings["sso"]): string | undefined | "wrong_tenant" {
  if (provider === "azure-ad") {
    // Entra: the app registration is single-tenant and the token's tenant is checked here too, so the
    // address is one the tenant's administrators assigned (Entra sends no email_verified).
    if (claims.tid !== sso.entra?.tenantId) return "wrong_tenant";
    const email = typeof claims.email === "string" ? claims.email : typeof claims.preferred_username === "string" ? claims.preferred_username : undefined;
    return email?.includes("@") ? email.trim().toLowerCase() : undefined;
  }
  const verified = claims.email_verified === true || claims.email_verified === "true";
  return verified && typeof claims.email === "string" && claims.email.includes("@") ? claims.email.trim().toLowerCase() : undefined;
}

export async function admitSsoUser({ provider, claims, ip, db = getDb(), sso = settings().sso }: AdmitSsoUserOptions): Promise<AdmitResult> {
  const email = verifiedEmail(provider, claims, sso);
  const refuse = async (reason: "no_verified_email" | "wrong_tenant" | "not_allowed", who: string) => {
    const audit = await auditRefusedSsoSignIn(ip);
    if (!audit.record) return { ok: false as const, reason };
    await runInTransaction(db, (tx) =>
      recordAudit(tx, {
        actor: { type: "anonymous", email: who, ip },
        action: "auth.sign_in_failed",
        target: { type: "session", label: who },
        after: { method: provider, reason, ...(audit.note ? { note: audit.note } : {}) },
      }),
    );
    return { ok: false as const, reason };
  };
  if (email === "wrong_tenant") return refuse("wrong_tenant", typeof claims.email === "string" ? claims.email : "");
  if (!email) return refuse("no_verified_email", typeof claims.email === "string" ? claims.email : "");

  const claimed = sso.roleClaim && claims[sso.roleClaim] !== undefined ? (roleFromClaim(claims[sso.roleClaim]) ?? "viewer") : undefined;
  const system: AuditActor = { type: "system", name: `single sign-on (${provider})`, ip };
  let admin = await db.prisma.admin.findUnique({ where: { email } });
  if (!admin) {
    if (!sso.allowedDomains.includes(email.split("@")[1])) return refuse("not_allowed", email);
    const name = typeof claims.name === "string" ? claims.name.slice(0, 100) : "";
    try {
      admin = await runInTransaction(db, async (tx) => {
        const created = await tx.admin.create({ data: { id: randomUUID(), email, name, passwordHash: NO_PASSWORD, ...roleFlags(claimed ?? "viewer") } });
        await recordAudit(tx, { actor: system, action: "admin.add", target: { type: "admin", id: created.id, label: email }, after: { email, name, role: roleOf(created), source: provider } });
        return created;
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      admin = await db.prisma.admin.findUniqueOrThrow({ where: { email } });
    }
  } else if (claimed && claimed !== roleOf(admin)) {
    try {
      await setAdminRole({ adminId: admin.id, role: claimed, actor: system });
    } catch (e) {
      // The last owner keeps the role: Roster never ends up without one.
      if (!(e instanceof AdminError)) throw e;
    }
  }
  const signedIn = admin;
  const current = await runInTransaction(db, async (tx) => {
    const row = await tx.admin.update({ where: { id: signedIn.id }, data: { lastSignInAt: new Date() } });
    await recordAudit(tx, { actor: { type: "admin", adminId: row.id, email: row.email, ip }, action: "auth.sign_in", target: { type: "session", id: row.id, label: row.email }, after: { method: provider, role: roleOf(row) } });
    return row;
  });
  return { ok: true, admin: { id: current.id, email: current.email, name: current.name, sessionVersion: current.sessionVersion } };
}
