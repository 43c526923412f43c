// Who single sign-on admits (lib/auth/admit-sso-user.ts), on SQLite and PostgreSQL: an existing admin by
// verified email, a new Viewer by allowed domain, the role from the claim, refusals audited. The full
// browser flow through a real OpenID Connect provider is e2e/sso.spec.ts.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { admitSsoUser, roleFromClaim } from "@/lib/auth/admit-sso-user";
import { getAuthOptions, resetAuthOptionsForTests } from "@/lib/auth/auth-options";
import { hashPassword } from "@/lib/auth/password";
import { recordSsoCallbackFailure } from "@/lib/auth/record-sso-callback-failure";
import { UNKNOWN_AUDITS_PER_ADDRESS } from "@/lib/auth/sign-in-throttle";
import { loadSettings } from "@/lib/settings";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { restoreTestEnv, setTestEnv } from "../support/settings";

const sso = loadSettings({
  ROSTER_OIDC_ISSUER: "http://127.0.0.1:4502",
  ROSTER_OIDC_CLIENT_ID: "roster",
  ROSTER_OIDC_CLIENT_SECRET: "a client secret",
  ROSTER_ENTRA_TENANT_ID: "tenant-1",
  ROSTER_ENTRA_CLIENT_ID: "app",
  ROSTER_ENTRA_CLIENT_SECRET: "app secret",
  ROSTER_OIDC_ALLOWED_DOMAINS: "Example.com, @partner.example",
  ROSTER_OIDC_ROLE_CLAIM: "groups",
}).sso;

describe("roleFromClaim", () => {
  it.each([
    [["Roster.Owner"], "owner"],
    [["roster.viewer", "Roster.DirectoryManager"], "directoryManager"],
    ["viewer owner", "owner"],
    [["directory-manager"], "directoryManager"],
    [["Other group"], undefined],
    [42, undefined],
  ])("%j → %s", (value, role) => {
    expect(roleFromClaim(value)).toBe(role);
  });
});

describe("settings", () => {
  it("accepts an http issuer only on loopback", () => {
    expect(() => loadSettings({ ROSTER_OIDC_ISSUER: "http://idp.example.com" })).toThrow(/ROSTER_OIDC_ISSUER/);
    expect(loadSettings({ ROSTER_OIDC_ISSUER: "http://localhost:9000/", ROSTER_OIDC_CLIENT_ID: "a", ROSTER_OIDC_CLIENT_SECRET: "b" }).sso.oidc?.issuer).toBe("http://localhost:9000");
    expect(loadSettings({ ROSTER_OIDC_ISSUER: "https://idp.example.com", ROSTER_OIDC_CLIENT_ID: "a", ROSTER_OIDC_CLIENT_SECRET: "b" }).sso.oidc).toMatchObject({ name: "Single sign-on" });
    expect(sso.allowedDomains).toEqual(["example.com", "partner.example"]);
  });
});

describe.each(DATABASE_KINDS)("single sign-on admission on %s", (kind) => {
  const database = useTestDatabase(kind);
  const db = () => database.current.db;
  let ownerId = "";

  beforeAll(async () => {
    ownerId = (await db().prisma.admin.create({ data: { email: "owner@elsewhere.example", passwordHash: "x", isOwner: true, canManageDirectories: true } })).id;
  });

  const admit = (claims: Record<string, unknown>, provider: "oidc" | "azure-ad" = "oidc") => admitSsoUser({ provider, claims, ip: "192.0.2.9", db: db(), sso });

  it("admits an existing admin by verified email, whatever the domain", async () => {
    const result = await admit({ sub: "1", email: "Owner@Elsewhere.example", email_verified: true });
    expect(result).toMatchObject({ ok: true, admin: { id: ownerId, email: "owner@elsewhere.example" } });
    expect(await db().prisma.auditLog.findFirst({ where: { action: "auth.sign_in", actorId: ownerId }, orderBy: { createdAt: "desc" } })).toMatchObject({ ip: "192.0.2.9", after: { method: "oidc" } });
  });

  it("refuses an unverified email, and an unknown domain, with an audit row each", async () => {
    expect(await admit({ sub: "2", email: "owner@elsewhere.example", email_verified: false })).toEqual({ ok: false, reason: "no_verified_email" });
    expect(await admit({ sub: "3", email: "someone@unknown.example", email_verified: true })).toEqual({ ok: false, reason: "not_allowed" });
    expect(await db().prisma.admin.count({ where: { email: "someone@unknown.example" } })).toBe(0);
    const failed = await db().prisma.auditLog.findMany({ where: { action: "auth.sign_in_failed" }, orderBy: { createdAt: "asc" } });
    expect(failed.map((r) => (r.after as { reason: string }).reason)).toEqual(["no_verified_email", "not_allowed"]);
  });

  it("creates a Viewer for an allowed domain, then takes the role from the claim at each sign-in", async () => {
    const first = await admit({ sub: "4", email: "new@example.com", email_verified: true, name: "New Person" });
    expect(first.ok).toBe(true);
    const row = await db().prisma.admin.findUniqueOrThrow({ where: { email: "new@example.com" } });
    expect(row).toMatchObject({ name: "New Person", isOwner: false, canManageDirectories: false });
    expect(await db().prisma.auditLog.count({ where: { action: "admin.add", targetId: row.id, actorType: "system" } })).toBe(1);

    await admit({ sub: "4", email: "new@example.com", email_verified: true, groups: ["Roster.DirectoryManager", "Staff"] });
    expect(await db().prisma.admin.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ isOwner: false, canManageDirectories: true });
    // A claim present without a Roster value means the lowest role.
    await admit({ sub: "4", email: "new@example.com", email_verified: true, groups: ["Staff"] });
    expect(await db().prisma.admin.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ canManageDirectories: false });
    expect(await db().prisma.auditLog.count({ where: { action: "admin.role_change", targetId: row.id } })).toBe(2);
  });

  it("never demotes the last owner through the claim", async () => {
    expect(await admit({ sub: "1", email: "owner@elsewhere.example", email_verified: true, groups: ["Roster.Viewer"] })).toMatchObject({ ok: true });
    expect(await db().prisma.admin.findUniqueOrThrow({ where: { id: ownerId } })).toMatchObject({ isOwner: true });
  });

  it("Entra: admits only tokens of the configured tenant", async () => {
    expect(await admit({ sub: "5", tid: "tenant-2", email: "owner@elsewhere.example" }, "azure-ad")).toEqual({ ok: false, reason: "wrong_tenant" });
    expect(await admit({ sub: "5", tid: "tenant-1", preferred_username: "owner@elsewhere.example" }, "azure-ad")).toMatchObject({ ok: true, admin: { id: ownerId } });
  });

  it("records refusals at most UNKNOWN_AUDITS_PER_ADDRESS times per address and window, the last one saying so", async () => {
    await db().prisma.rateLimitBucket.deleteMany();
    const refused = (n: number, ip: string) => admitSsoUser({ provider: "oidc", claims: { sub: `spray-${n}`, email: `spray${n}@unknown.example`, email_verified: true }, ip, db: db(), sso });
    for (let i = 0; i < UNKNOWN_AUDITS_PER_ADDRESS + 3; i++) expect(await refused(i, "203.0.113.7")).toEqual({ ok: false, reason: "not_allowed" });
    expect(await refused(99, "203.0.113.8")).toEqual({ ok: false, reason: "not_allowed" });
    const rows = await db().prisma.auditLog.findMany({ where: { action: "auth.sign_in_failed", actorName: { startsWith: "spray" } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const fromSpray = rows.filter((r) => r.ip === "203.0.113.7");
    expect(fromSpray.map((r) => r.actorName).sort()).toEqual(Array.from({ length: UNKNOWN_AUDITS_PER_ADDRESS }, (_, i) => `spray${i}@unknown.example`).sort());
    expect(fromSpray.filter((r) => "note" in (r.after as object)).map((r) => (r.after as { note: string }).note)).toEqual([
      expect.stringMatching(/^Further refused single sign-ons from this address are not recorded for up to 1[45] min$/),
    ]);
    expect(rows.filter((r) => r.ip === "203.0.113.8")).toHaveLength(1);
    // An admitted sign-in from the same address is still recorded.
    const signIns = () => db().prisma.auditLog.count({ where: { action: "auth.sign_in", actorId: ownerId } });
    const before = await signIns();
    expect(await admit({ sub: "1", email: "owner@elsewhere.example", email_verified: true })).toMatchObject({ ok: true });
    expect(await signIns()).toBe(before + 1);
    await db().prisma.rateLimitBucket.deleteMany();
  });

  it("records a failed callback (a tampered state) without the values, in the same bounded buckets", async () => {
    await db().prisma.rateLimitBucket.deleteMany();
    const callbackFailures = async () =>
      (await db().prisma.auditLog.findMany({ where: { action: "auth.sign_in_failed" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).filter((r) => (r.after as { reason?: string }).reason === "callback_error");
    const error = Object.assign(new Error("state mismatch, expected 9f8e7d6c5b4a, got: 9f8e7d6c5b4ax"), { name: "OAuthCallbackError" });
    for (let i = 0; i < UNKNOWN_AUDITS_PER_ADDRESS + 2; i++) await recordSsoCallbackFailure({ providerId: "oidc", error, ip: "198.51.100.77", db: db() });
    const rows = await callbackFailures();
    expect(rows).toHaveLength(UNKNOWN_AUDITS_PER_ADDRESS);
    expect(rows[0]).toMatchObject({ actorType: "anonymous", actorId: null, ip: "198.51.100.77", targetType: "session", after: { method: "oidc", reason: "callback_error", detail: "state mismatch" } });
    expect(JSON.stringify(rows)).not.toContain("9f8e7d6c5b4a");
    expect(rows.at(-1)!.after).toMatchObject({ note: expect.stringMatching(/^Further refused single sign-ons from this address/) });
    await db().prisma.rateLimitBucket.deleteMany();
  });
});

describe.each(DATABASE_KINDS)("password sign-in switched off on %s", (kind) => {
  const database = useTestDatabase(kind);

  afterEach(() => {
    restoreTestEnv();
    resetAuthOptionsForTests();
  });

  async function authorize(email: string, password: string) {
    resetAuthOptionsForTests();
    const options = await getAuthOptions();
    const credentials = options.providers.find((p) => p.id === "credentials") as unknown as { options: { authorize: (c: object, r: object) => Promise<unknown> } };
    return credentials.options.authorize({ email, password }, { headers: {} });
  }

  it("refuses every password but the break-glass owner's", async () => {
    const passwordHash = await hashPassword("the owners password");
    await database.current.db.prisma.admin.createMany({
      data: [
        { email: "glass@example.com", passwordHash, isOwner: true, canManageDirectories: true },
        { email: "other@example.com", passwordHash, isOwner: true, canManageDirectories: true },
      ],
    });
    setTestEnv({ ROSTER_PASSWORD_SIGNIN: "false", ROSTER_BREAK_GLASS_EMAIL: "Glass@Example.com", NEXTAUTH_SECRET: "a test secret of enough length" });
    await expect(authorize("other@example.com", "the owners password")).rejects.toThrow("password_signin_off");
    await expect(authorize("glass@example.com", "the owners password")).resolves.toMatchObject({ email: "glass@example.com" });
    // The break-glass address must be an owner's.
    await database.current.db.prisma.admin.update({ where: { email: "glass@example.com" }, data: { isOwner: false } });
    await expect(authorize("glass@example.com", "the owners password")).rejects.toThrow("password_signin_off");
    await database.current.db.prisma.admin.update({ where: { email: "glass@example.com" }, data: { isOwner: true } });
    setTestEnv({ ROSTER_PASSWORD_SIGNIN: "true" });
    await expect(authorize("other@example.com", "the owners password")).resolves.toMatchObject({ email: "other@example.com" });
  });

  it("audits a failed single sign-on callback that next-auth reports through its logger", async () => {
    setTestEnv({ NEXTAUTH_SECRET: "a test secret of enough length" });
    resetAuthOptionsForTests();
    const options = await getAuthOptions();
    const prisma = database.current.db.prisma;
    const failures = async () => (await prisma.auditLog.findMany({ where: { action: "auth.sign_in_failed" } })).filter((r) => (r.after as { reason?: string }).reason === "callback_error").length;
    const before = await failures();
    // Other errors next-auth logs are not sign-in attempts.
    options.logger!.error!("JWT_SESSION_ERROR", new Error("bad cookie"));
    options.logger!.error!("OAUTH_CALLBACK_ERROR", { error: Object.assign(new Error("nonce mismatch, expected a, got: b"), { name: "OAuthCallbackError" }), providerId: "oidc" });
    await expect.poll(failures).toBe(before + 1);
    expect(await prisma.auditLog.findFirst({ where: { action: "auth.sign_in_failed" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] })).toMatchObject({ after: { method: "oidc", detail: "nonce mismatch" } });
  });

  it("lists the single sign-on providers configured, with the interface's ids", async () => {
    setTestEnv({ NEXTAUTH_SECRET: "a test secret of enough length", ROSTER_OIDC_ISSUER: "https://idp.example.com", ROSTER_OIDC_CLIENT_ID: "a", ROSTER_OIDC_CLIENT_SECRET: "b", ROSTER_ENTRA_TENANT_ID: "t", ROSTER_ENTRA_CLIENT_ID: "c", ROSTER_ENTRA_CLIENT_SECRET: "d" });
    resetAuthOptionsForTests();
    type Provider = { id: string; name: string; checks?: string[]; wellKnown?: string; options?: object };
    // As next-auth uses them: a built-in provider's defaults with the options given to it on top.
    const providers = ((await getAuthOptions()).providers as unknown as Provider[]).map((p) => ({ ...p, ...p.options }) as Provider);
    expect(providers.map((p) => [p.id, p.name])).toEqual([
      ["credentials", "Email and password"],
      ["oidc", "Single sign-on"],
      ["azure-ad", "Microsoft Entra ID"],
    ]);
    expect(providers[1]).toMatchObject({ checks: ["pkce", "state", "nonce"], wellKnown: "https://idp.example.com/.well-known/openid-configuration" });
    expect(providers[2].wellKnown).toContain("login.microsoftonline.com/t/v2.0");
  });
});
