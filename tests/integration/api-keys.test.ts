// API keys (the consumer applications' credentials for /api/v1): the domain functions, the CLI's
// `api-key` commands and the console's server actions, called directly as an attacker could.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", () => ({ getSessionIdentity: vi.fn(async () => null) }));
vi.mock("next/cache", () => import("../support/next-mocks"));
vi.mock("next/headers", () => import("../support/next-mocks"));

import { createApiKeyAction, revokeApiKeyAction } from "@/app/(admin)/admin/api-keys/actions";
import { runCli } from "@/cli/run-cli";
import { createApiKey } from "@/lib/admin/api-keys/create-api-key";
import { listApiKeys } from "@/lib/admin/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/admin/api-keys/revoke-api-key";
import { verifyApiKey } from "@/lib/admin/api-keys/verify-api-key";
import { addAdmin } from "@/lib/admin/admins/add-admin";
import { getSessionIdentity } from "@/lib/auth/session";
import { sha256Hex } from "@/lib/oauth/credentials";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { TEST_ACTOR } from "../support/audit";

const run$ = promisify(execFile);
const session = vi.mocked(getSessionIdentity);

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function form(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) fd.append(k, one);
  return fd;
}

describe.each(DATABASE_KINDS)("API keys on %s", (kind) => {
  const database = useTestDatabase(kind);
  const db = () => database.current.db;
  const admins = { manager: "", reader: "" };
  let directoryA = "";
  let directoryB = "";

  beforeAll(async () => {
    admins.manager = (await addAdmin({ email: "keys-manager@example.com", password: "manager password", role: "directoryManager", actor: TEST_ACTOR })).id;
    admins.reader = (await addAdmin({ email: "keys-reader@example.com", password: "reader password!", role: "viewer", actor: TEST_ACTOR })).id;
    directoryA = (await db().prisma.directory.create({ data: { name: "A", active: true } })).id;
    directoryB = (await db().prisma.directory.create({ data: { name: "B", active: true } })).id;
  });
  beforeEach(() => {
    session.mockResolvedValue(null);
  });

  describe("domain functions", () => {
    it("creates a 256-bit key stored only as its SHA-256, and verifies it", async () => {
      const { apiKey, key } = await createApiKey({ name: "HR portal", actor: { type: "admin", adminId: "a1", email: "someone@example.com" } });
      expect(key).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key.slice(3), "base64url")).toHaveLength(32);
      expect(apiKey).toMatchObject({ name: "HR portal", directoryIds: [], keyPrefix: key.slice(0, 11), createdBy: "someone@example.com", lastUsedAt: null, revokedAt: null });
      expect(apiKey).not.toHaveProperty("keyHash");
      const row = await db().prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
      expect(row.keyHash).toBe(sha256Hex(key));
      expect(JSON.stringify(row)).not.toContain(key);
      expect(await verifyApiKey({ key })).toEqual({ ok: true, apiKey: { id: apiKey.id, name: "HR portal", directoryIds: null } });
      expect(await verifyApiKey({ key: key.slice(0, -1) + (key.endsWith("A") ? "B" : "A") })).toEqual({ ok: false, reason: "unknown" });
    });

    it("restricts a key to existing directories only, without duplicates", async () => {
      const { apiKey, key } = await createApiKey({ name: "Restricted", directoryIds: [directoryA, directoryA], actor: TEST_ACTOR });
      expect(apiKey.directoryIds).toEqual([directoryA]);
      expect(await verifyApiKey({ key })).toMatchObject({ ok: true, apiKey: { directoryIds: [directoryA] } });
      await expect(createApiKey({ name: "Bad", directoryIds: [directoryA, "no-such-directory"], actor: TEST_ACTOR })).rejects.toThrow(/no-such-directory not found/);
      await expect(createApiKey({ name: "  ", actor: TEST_ACTOR })).rejects.toThrow(/name/);
    });

    it("keeps a restriction after its directory is deleted (never widening to all directories)", async () => {
      const doomed = await db().prisma.directory.create({ data: { name: "Doomed" } });
      const { key } = await createApiKey({ name: "Doomed only", directoryIds: [doomed.id], actor: TEST_ACTOR });
      await db().prisma.directory.delete({ where: { id: doomed.id } });
      expect(await verifyApiKey({ key })).toMatchObject({ ok: true, apiKey: { directoryIds: [doomed.id] } });
    });

    it("writes lastUsedAt at most once a minute", async () => {
      const { apiKey, key } = await createApiKey({ name: "Used", actor: TEST_ACTOR });
      const t0 = new Date(Date.now() + 1000);
      await verifyApiKey({ key, now: t0 });
      await verifyApiKey({ key, now: new Date(t0.getTime() + 30_000) });
      expect((await db().prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt?.toISOString()).toBe(t0.toISOString());
      const t1 = new Date(t0.getTime() + 61_000);
      await verifyApiKey({ key, now: t1 });
      expect((await db().prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt?.toISOString()).toBe(t1.toISOString());
    });

    it("revokes a key: it fails on the next check, revoking twice keeps the first time", async () => {
      const { apiKey, key } = await createApiKey({ name: "Revoked", actor: TEST_ACTOR });
      expect((await verifyApiKey({ key })).ok).toBe(true);
      const revoked = await revokeApiKey({ apiKeyId: apiKey.id, actor: TEST_ACTOR });
      expect(revoked.revokedAt).toBeInstanceOf(Date);
      expect(await verifyApiKey({ key })).toEqual({ ok: false, reason: "revoked" });
      expect((await revokeApiKey({ apiKeyId: apiKey.id, actor: TEST_ACTOR })).revokedAt).toEqual(revoked.revokedAt);
      await expect(revokeApiKey({ apiKeyId: "no-such-key", actor: TEST_ACTOR })).rejects.toThrow(/API key not found/);
      const listed = await listApiKeys();
      expect(listed.find((k) => k.id === apiKey.id)?.revokedAt).toEqual(revoked.revokedAt);
      expect(listed.findIndex((k) => k.revokedAt)).toBeGreaterThan(listed.findLastIndex((k) => !k.revokedAt));
      expect((await listApiKeys({ includeRevoked: false })).some((k) => k.revokedAt)).toBe(false);
    });
  });

  describe("CLI", () => {
    it("api-key create --json prints exactly {apiKey:{id,name,…},key}, and the key works", async () => {
      const r = await run(["api-key", "create", "--name", "Payroll", "--directory", directoryA, "--directory", directoryB, "--json"]);
      expect(r).toMatchObject({ code: 0, err: "" });
      expect(r.out.split("\n")).toHaveLength(1);
      const json = JSON.parse(r.out);
      expect(Object.keys(json).sort()).toEqual(["apiKey", "key"]);
      expect(json.apiKey).toMatchObject({ id: expect.any(String), name: "Payroll", directoryIds: [directoryA, directoryB] });
      expect(json.key).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
      expect(await verifyApiKey({ key: json.key })).toMatchObject({ ok: true, apiKey: { id: json.apiKey.id } });
    });

    it("lists keys without their secret or hash, and revokes by positional id or --id", async () => {
      const a = JSON.parse((await run(["api-key", "create", "--name", "Listed A", "--json"])).out);
      const b = JSON.parse((await run(["api-key", "create", "--name", "Listed B", "--json"])).out);
      const listed = await run(["api-key", "list", "--json"]);
      const rows = JSON.parse(listed.out) as { id: string; name: string }[];
      expect(rows.map((k) => k.id)).toEqual(expect.arrayContaining([a.apiKey.id, b.apiKey.id]));
      expect(listed.out).not.toContain(a.key);
      expect(listed.out).not.toMatch(/keyHash|[0-9a-f]{64}/);
      expect((await run(["api-key", "list"])).out).toMatch(new RegExp(`${a.apiKey.id}\\s+active .*all directories\\s+Listed A`));

      expect(await run(["api-key", "revoke", a.apiKey.id])).toMatchObject({ code: 0, out: expect.stringContaining("revoked") });
      expect(await run(["api-key", "revoke", "--id", b.apiKey.id])).toMatchObject({ code: 0 });
      expect(await verifyApiKey({ key: a.key })).toEqual({ ok: false, reason: "revoked" });
      expect(await verifyApiKey({ key: b.key })).toEqual({ ok: false, reason: "revoked" });
      expect((await run(["api-key", "list"])).out).toMatch(new RegExp(`${a.apiKey.id}\\s+revoked`));
    });

    it.each([
      [["api-key"], /needs a subcommand/],
      [["api-key", "create"], /--name is required/],
      [["api-key", "create", "--name", "X", "--directory"], /--directory needs a value/],
      [["api-key", "create", "--name", "X", "stray"], /Unexpected argument "stray"/],
      [["api-key", "revoke"], /--id is required/],
      [["api-key", "revoke", "x", "y"], /Unexpected argument "y"/],
      [["api-key", "revoke", "x", "--id", "y"], /given twice/],
      [["api-key", "create", "--name", "n".repeat(101)], /100 characters/],
    ])("refuses %j with exit code 2, creating nothing", async (argv, message) => {
      const before = await db().prisma.apiKey.count();
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.out).toBe("");
      expect(await db().prisma.apiKey.count()).toBe(before);
    });

    it("fails with exit code 1 for an unknown directory or key", async () => {
      const before = await db().prisma.apiKey.count();
      expect(await run(["api-key", "create", "--name", "X", "--directory", "no-such-directory"])).toMatchObject({ code: 1, err: expect.stringMatching(/not found/) });
      expect(await run(["api-key", "revoke", "no-such-key"])).toMatchObject({ code: 1, err: expect.stringMatching(/API key not found/) });
      expect(await db().prisma.apiKey.count()).toBe(before);
    });

    it("prints the key once from the real `npm run --silent roster` process", async () => {
      const { stdout } = await run$("npm", ["run", "--silent", "roster", "--", "api-key", "create", "--name", "Process", "--json"], {
        env: { ...process.env, DATABASE_URL: database.current.config.url },
        timeout: 60_000,
      });
      const json = JSON.parse(stdout);
      expect(json).toMatchObject({ apiKey: { id: expect.any(String), name: "Process" }, key: expect.stringMatching(/^rk_/) });
      expect(await verifyApiKey({ key: json.key })).toMatchObject({ ok: true });
    }, 60_000);
  });

  describe("console actions", () => {
    it("refuses to create or revoke without a session, or for a read-only admin", async () => {
      const { apiKey, key } = await createApiKey({ name: "Untouchable", actor: TEST_ACTOR });
      const before = await db().prisma.apiKey.count();
      for (const who of [null, admins.reader]) {
        session.mockResolvedValue(who ? { adminId: who, sessionVersion: 0 } : null);
        expect(await createApiKeyAction(null, form({ name: "Sneaky" }))).toMatchObject({ ok: false, error: who ? expect.stringMatching(/Manage user directories/) : expect.stringMatching(/sign in/i) });
        expect(await revokeApiKeyAction(null, form({ apiKeyId: apiKey.id }))).toMatchObject({ ok: false });
      }
      expect(await db().prisma.apiKey.count()).toBe(before);
      expect((await verifyApiKey({ key })).ok).toBe(true);
    });

    it("lets a manager create a restricted key (shown once) and revoke it", async () => {
      session.mockResolvedValue({ adminId: admins.manager, sessionVersion: 0 });
      const created = await createApiKeyAction(null, form({ name: "From the console", directoryIds: [directoryB] }));
      expect(created).toMatchObject({ ok: true, data: { id: expect.any(String), name: "From the console", key: expect.stringMatching(/^rk_/) } });
      const data = (created as { data: { id: string; key: string } }).data;
      expect(await verifyApiKey({ key: data.key })).toMatchObject({ ok: true, apiKey: { directoryIds: [directoryB] } });
      expect((await db().prisma.apiKey.findUniqueOrThrow({ where: { id: data.id } })).createdBy).toBe("keys-manager@example.com");

      expect(await revokeApiKeyAction(null, form({ apiKeyId: data.id }))).toMatchObject({ ok: true });
      expect(await verifyApiKey({ key: data.key })).toEqual({ ok: false, reason: "revoked" });
    });

    it("reports validation errors per field and unknown ids readably", async () => {
      session.mockResolvedValue({ adminId: admins.manager, sessionVersion: 0 });
      expect(await createApiKeyAction(null, form({ name: " " }))).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
      expect(await createApiKeyAction(null, form({ name: "X", directoryIds: ["no-such-directory"] }))).toMatchObject({ ok: false, error: expect.stringMatching(/not found/) });
      expect(await revokeApiKeyAction(null, form({ apiKeyId: "no-such-key" }))).toMatchObject({ ok: false, error: "API key not found" });
    });
  });
});
