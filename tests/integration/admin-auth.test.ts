// Admin authentication: password hashing, the persisted session secret, the headless owner bootstrap,
// first-run setup and credential checks — on SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureBootstrapAdmin } from "@/lib/auth/bootstrap-admin";
import { createFirstOwner, FIRST_OWNER_SETTING } from "@/lib/auth/create-admin";
import { SetupClosedError } from "@/lib/auth/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { getSessionSecret, SESSION_SECRET_SETTING } from "@/lib/auth/session-secret";
import { verifyAdminCredentials } from "@/lib/auth/verify-credentials";
import { loadSettings, resetSettingsForTests } from "@/lib/settings";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { TEST_ACTOR } from "../support/audit";

describe("password hashing (scrypt)", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same password 123"), hashPassword("same password 123")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password 123", b)).toBe(true);
  });

  it("rejects malformed or hostile stored hashes instead of throwing", async () => {
    const hash = await hashPassword("a password of some length");
    const parts = hash.split("$");
    expect(await verifyPassword("a password of some length", "not-a-hash")).toBe(false);
    expect(await verifyPassword("a password of some length", ["bcrypt", ...parts.slice(1)].join("$"))).toBe(false);
    // An absurd cost parameter is refused up front (no 1 TiB allocation).
    expect(await verifyPassword("a password of some length", ["scrypt", 2 ** 30, 8, 1, parts[4], parts[5]].join("$"))).toBe(false);
    expect(await verifyPassword("x".repeat(10_000), hash)).toBe(false);
  });

  it("reads its parameters from the stored string", async () => {
    // A hash made with other (older, cheaper) parameters still verifies.
    const { scryptSync, randomBytes } = await import("node:crypto");
    const salt = randomBytes(16);
    const key = scryptSync("legacy password!", salt, 32, { N: 1024, r: 8, p: 1 });
    const legacy = ["scrypt", 1024, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
    expect(await verifyPassword("legacy password!", legacy)).toBe(true);
    expect(await verifyPassword("legacy password?", legacy)).toBe(false);
  });
});

describe.each(DATABASE_KINDS)("admin auth on %s", (kind) => {
  const database = useTestDatabase(kind);
  const saved = { ...process.env };

  beforeEach(async () => {
    delete process.env.NEXTAUTH_SECRET;
    delete process.env.AUTH_SECRET;
    delete process.env.ROSTER_ADMIN_EMAIL;
    delete process.env.ROSTER_ADMIN_PASSWORD;
    resetSettingsForTests();
    const db = database.current.db;
    await db.prisma.rateLimitBucket.deleteMany();
    await db.prisma.admin.deleteMany();
    await db.prisma.appSetting.deleteMany();
  });
  afterEach(() => {
    process.env = { ...saved };
    resetSettingsForTests();
  });

  describe("session secret", () => {
    it("is generated once, persisted, and read back by every caller (also concurrently)", async () => {
      const db = database.current.db;
      const results = await Promise.all(Array.from({ length: 8 }, () => getSessionSecret(db)));
      expect(new Set(results).size).toBe(1);
      expect(Buffer.from(results[0], "base64url")).toHaveLength(32);
      expect(await db.prisma.appSetting.count({ where: { key: SESSION_SECRET_SETTING } })).toBe(1);
      expect(await getSessionSecret(db)).toBe(results[0]);
    });

    it("uses NEXTAUTH_SECRET or AUTH_SECRET when configured and stores nothing", async () => {
      const db = database.current.db;
      process.env.AUTH_SECRET = "from-auth-secret";
      resetSettingsForTests();
      expect(await getSessionSecret(db)).toBe("from-auth-secret");
      process.env.NEXTAUTH_SECRET = "from-nextauth-secret";
      resetSettingsForTests();
      expect(await getSessionSecret(db)).toBe("from-nextauth-secret");
      expect(await db.prisma.appSetting.count()).toBe(0);
    });
  });

  describe("owner bootstrap from the environment", () => {
    it("does nothing when not configured", async () => {
      expect(await ensureBootstrapAdmin(database.current.db)).toBe("not-configured");
      expect(await database.current.db.prisma.admin.count()).toBe(0);
    });

    it("creates the owner once, idempotently, even when instances race", async () => {
      const db = database.current.db;
      const env = loadSettings({ ROSTER_ADMIN_EMAIL: "Owner@Example.com", ROSTER_ADMIN_PASSWORD: "a long enough password" }).auth;
      const results = await Promise.all(Array.from({ length: 4 }, () => ensureBootstrapAdmin(db, env)));
      expect(results.filter((r) => r === "created")).toHaveLength(1);
      expect(results.filter((r) => r === "exists")).toHaveLength(3);
      const admins = await db.prisma.admin.findMany();
      expect(admins).toHaveLength(1);
      expect(admins[0]).toMatchObject({ email: "owner@example.com", isOwner: true, canManageDirectories: true });
      expect(await ensureBootstrapAdmin(db, env)).toBe("exists");
      expect(await db.prisma.admin.count()).toBe(1);
    });

    it("refuses a too-short password without creating anything", async () => {
      const db = database.current.db;
      expect(await ensureBootstrapAdmin(db, loadSettings({ ROSTER_ADMIN_EMAIL: "o@example.com", ROSTER_ADMIN_PASSWORD: "short" }).auth)).toBe("invalid");
      expect(await db.prisma.admin.count()).toBe(0);
    });
  });

  describe("first-run setup", () => {
    it("creates the owner, then refuses any further setup", async () => {
      const db = database.current.db;
      const owner = await createFirstOwner({ input: { email: "first@example.com", password: "first owner password" }, db, actor: TEST_ACTOR });
      expect(owner).toMatchObject({ isOwner: true, canManageDirectories: true });
      await expect(createFirstOwner({ input: { email: "second@example.com", password: "second owner password" }, db, actor: TEST_ACTOR })).rejects.toBeInstanceOf(SetupClosedError);
      expect(await db.prisma.admin.count()).toBe(1);
    });

    it("lets only one of two simultaneous setups win", async () => {
      const db = database.current.db;
      const outcomes = await Promise.allSettled([
        createFirstOwner({ input: { email: "a@example.com", password: "password number one" }, db, actor: TEST_ACTOR }),
        createFirstOwner({ input: { email: "b@example.com", password: "password number two" }, db, actor: TEST_ACTOR }),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect(await db.prisma.admin.count()).toBe(1);
    });

    it("can run again if every admin row was removed by hand", async () => {
      const db = database.current.db;
      await createFirstOwner({ input: { email: "gone@example.com", password: "password that is gone" }, db, actor: TEST_ACTOR });
      await db.prisma.admin.deleteMany();
      expect(await db.prisma.appSetting.count({ where: { key: FIRST_OWNER_SETTING } })).toBe(1);
      await createFirstOwner({ input: { email: "new@example.com", password: "password that is new" }, db, actor: TEST_ACTOR });
      expect((await db.prisma.admin.findMany()).map((a) => a.email)).toEqual(["new@example.com"]);
    });
  });

  describe("credential check", () => {
    it("accepts the right password (email case-insensitively) and records the sign-in", async () => {
      const db = database.current.db;
      await createFirstOwner({ input: { email: "admin@example.com", password: "the right password" }, db, actor: TEST_ACTOR });
      const result = await verifyAdminCredentials({ email: "ADMIN@example.com ", password: "the right password", db });
      expect(result).toMatchObject({ ok: true, admin: { email: "admin@example.com" } });
      expect((await db.prisma.admin.findFirstOrThrow()).lastSignInAt).not.toBeNull();
      expect(await verifyAdminCredentials({ email: "admin@example.com", password: "the wrong password", db })).toEqual({ ok: false, reason: "invalid" });
      expect(await verifyAdminCredentials({ email: "nobody@example.com", password: "the right password", db })).toEqual({ ok: false, reason: "invalid" });
      expect(await verifyAdminCredentials({ email: undefined, password: undefined, db })).toEqual({ ok: false, reason: "invalid" });
    });

    it("blocks an email after repeated failures, even for the right password", async () => {
      const db = database.current.db;
      await createFirstOwner({ input: { email: "target@example.com", password: "the right password" }, db, actor: TEST_ACTOR });
      for (let i = 0; i < 10; i++) await verifyAdminCredentials({ email: "target@example.com", password: `guess ${i}`, db });
      expect(await verifyAdminCredentials({ email: "target@example.com", password: "the right password", db })).toEqual({ ok: false, reason: "throttled" });
    });
  });
});
