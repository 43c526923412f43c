// The admin audit log (lib/audit): every change made through the console's server actions or the CLI,
// and every sign-in attempt, writes exactly one row in the change's own transaction, with the actor,
// the client address, the target and the values before and after — and never a secret. Also: the
// owner-only page query and CSV export, retention, and sessions ending on the next request.
import { userInfo } from "node:os";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", () => ({ getSessionIdentity: vi.fn(async () => null) }));
vi.mock("next/cache", () => import("../support/next-mocks"));
vi.mock("next/navigation", () => import("../support/next-mocks"));
vi.mock("next/headers", () => import("../support/next-mocks"));

import { GET as exportCsv } from "@/app/(admin)/admin/audit/export/route";
import { addAdminAction, removeAdminAction, setAdminRoleAction, signOutEverywhereAction } from "@/app/(admin)/admin/admins/actions";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/(admin)/admin/api-keys/actions";
import { createApiClientAction, revokeApiClientAction } from "@/app/(admin)/admin/directories/[directoryId]/clients/actions";
import {
  addProfileFieldAction,
  deleteDirectoryAction,
  removeProfileFieldAction,
  renameDirectoryAction,
  setDeprovisionPolicyAction,
  setDirectoryActiveAction,
} from "@/app/(admin)/admin/directories/[directoryId]/settings/actions";
import { createDirectoryAction } from "@/app/(admin)/admin/directories/new/actions";
import { createWebhookAction, deleteWebhookAction, replayWebhookAction, rotateWebhookSecretAction, setWebhookEnabledAction } from "@/app/(admin)/admin/webhooks/actions";
import { runCli } from "@/cli/run-cli";
import { listAuditLog } from "@/lib/admin/queries/list-audit-log";
import { pruneAuditLog } from "@/lib/audit/prune-audit-log";
import { recordAudit } from "@/lib/audit/record-audit";
import { createFirstOwner } from "@/lib/auth/create-admin";
import { hashPassword } from "@/lib/auth/password";
import { requirePermission } from "@/lib/auth/require-admin";
import { getSessionIdentity } from "@/lib/auth/session";
import { UNKNOWN_AUDITS_PER_ADDRESS } from "@/lib/auth/sign-in-throttle";
import { verifyAdminCredentials } from "@/lib/auth/verify-credentials";
import { findBackgroundJob } from "@/lib/background-jobs";
import { runInTransaction } from "@/lib/db/transaction";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { expectRedirect, TEST_CLIENT_ADDRESS } from "../support/next-mocks";
import { restoreTestEnv, setTestEnv } from "../support/settings";

const session = vi.mocked(getSessionIdentity);

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe.each(DATABASE_KINDS)("admin audit log on %s", (kind) => {
  const database = useTestDatabase(kind);
  const db = () => database.current.db;
  const ids = { owner: "", manager: "", viewer: "" };
  const signInAs = (id: string | null, sessionVersion = 0) => session.mockResolvedValue(id ? { adminId: id, sessionVersion } : null);

  beforeAll(async () => {
    const passwordHash = await hashPassword("a password for tests");
    ids.owner = (await db().prisma.admin.create({ data: { email: "owner@example.com", passwordHash, isOwner: true, canManageDirectories: true } })).id;
    ids.manager = (await db().prisma.admin.create({ data: { email: "manager@example.com", passwordHash, canManageDirectories: true } })).id;
    ids.viewer = (await db().prisma.admin.create({ data: { email: "viewer@example.com", passwordHash } })).id;
  });
  beforeEach(() => {
    signInAs(ids.owner);
  });

  /** Runs `work` and returns the audit rows it wrote (by id, so concurrent clocks do not matter). */
  async function audited(work: () => Promise<unknown>) {
    const before = new Set((await db().prisma.auditLog.findMany({ select: { id: true } })).map((r) => r.id));
    await work();
    return (await db().prisma.auditLog.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).filter((r) => !before.has(r.id));
  }

  /** Exactly one row, written by the owner from the test client address. */
  async function oneByOwner(work: () => Promise<unknown>) {
    const rows = await audited(work);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorType: "admin", actorId: ids.owner, actorName: "owner@example.com", ip: TEST_CLIENT_ADDRESS });
    return rows[0];
  }

  function expectNoSecret(row: object, ...secrets: string[]) {
    const text = JSON.stringify(row);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(text).not.toContain(secret);
    }
  }

  async function newDirectory(name: string) {
    return db().prisma.directory.create({ data: { name, active: true } });
  }

  describe("console actions", () => {
    it("directory create, rename, deactivate, activate, deprovision policy and delete: one row each with before and after", async () => {
      let directoryId = "";
      const created = await oneByOwner(async () => {
        const to = await expectRedirect(createDirectoryAction(null, form({ name: "Contoso", type: "scim" })));
        directoryId = to.split("/").pop()!;
      });
      expect(created).toMatchObject({ action: "directory.create", targetType: "directory", targetId: directoryId, targetLabel: "Contoso", directoryId, before: null });
      expect(created.after).toEqual({ name: "Contoso", type: "scim", active: false, deprovisionPolicy: "erase" });

      const renamed = await oneByOwner(() => renameDirectoryAction(null, form({ directoryId, name: "Contoso EU" })));
      expect(renamed).toMatchObject({ action: "directory.rename", targetLabel: "Contoso EU", before: { name: "Contoso" }, after: { name: "Contoso EU" } });

      const activated = await oneByOwner(() => setDirectoryActiveAction(null, form({ directoryId, active: "true" })));
      expect(activated).toMatchObject({ action: "directory.activate", before: { active: false }, after: { active: true } });
      const deactivated = await oneByOwner(() => setDirectoryActiveAction(null, form({ directoryId, active: "false" })));
      expect(deactivated).toMatchObject({ action: "directory.deactivate", before: { active: true }, after: { active: false } });
      // Asking for what is already so changes nothing and records nothing.
      expect(await audited(() => setDirectoryActiveAction(null, form({ directoryId, active: "false" })))).toHaveLength(0);

      const policy = await oneByOwner(() => setDeprovisionPolicyAction(null, form({ directoryId, deprovisionPolicy: "retain" })));
      expect(policy).toMatchObject({ action: "directory.set_deprovision_policy", before: { deprovisionPolicy: "erase" }, after: { deprovisionPolicy: "retain" } });

      const deleted = await oneByOwner(() => expectRedirect(deleteDirectoryAction(null, form({ directoryId, confirmation: "Contoso EU" }))));
      expect(deleted).toMatchObject({ action: "directory.delete", targetId: directoryId, targetLabel: "Contoso EU", after: null, before: { name: "Contoso EU", active: false, users: 0, groups: 0 } });
      // The log outlives the directory.
      expect(await db().prisma.auditLog.count({ where: { directoryId } })).toBe(6);
    });

    it("profile fields add and remove", async () => {
      const dir = await newDirectory("Fields");
      const added = await oneByOwner(() => addProfileFieldAction(null, form({ directoryId: dir.id, name: "profileField_costCenter", label: "Cost center" })));
      expect(added).toMatchObject({ action: "profile_field.add", targetType: "profile_field", targetLabel: "profileField_costCenter", directoryId: dir.id, after: { name: "costCenter", label: "Cost center" } });
      const removed = await oneByOwner(() => removeProfileFieldAction(null, form({ directoryId: dir.id, profileFieldId: added.targetId! })));
      expect(removed).toMatchObject({ action: "profile_field.remove", targetId: added.targetId, before: { name: "costCenter", label: "Cost center" }, after: null });
    });

    it("API clients create, rotate and revoke, without the secret or its hash", async () => {
      const dir = await newDirectory("Clients");
      let first = { clientSecret: "", clientId: "", id: "" };
      const created = await oneByOwner(async () => {
        const r = await createApiClientAction(null, form({ directoryId: dir.id, label: "Entra" }));
        if (!r.ok) throw new Error(r.error);
        first = { clientSecret: r.data!.clientSecret, clientId: r.data!.apiClient.clientId, id: r.data!.apiClient.id };
      });
      expect(created).toMatchObject({ action: "api_client.create", targetType: "api_client", targetId: first.id, targetLabel: first.clientId, directoryId: dir.id, after: { clientId: first.clientId, label: "Entra" } });
      const firstRow = await db().prisma.apiClient.findUniqueOrThrow({ where: { id: first.id } });
      expectNoSecret(created, first.clientSecret, firstRow.secretHash);

      let second = { clientSecret: "", clientId: "", id: "" };
      const rotated = await oneByOwner(async () => {
        const r = await createApiClientAction(null, form({ directoryId: dir.id, rotatesApiClientId: first.id }));
        if (!r.ok) throw new Error(r.error);
        second = { clientSecret: r.data!.clientSecret, clientId: r.data!.apiClient.clientId, id: r.data!.apiClient.id };
      });
      expect(rotated).toMatchObject({
        action: "api_client.rotate",
        targetId: first.id,
        before: { clientId: first.clientId, label: "Entra" },
        after: { clientId: second.clientId, label: "Entra", replacementId: second.id },
      });
      const secondRow = await db().prisma.apiClient.findUniqueOrThrow({ where: { id: second.id } });
      expectNoSecret(rotated, second.clientSecret, secondRow.secretHash, first.clientSecret);

      const revoked = await oneByOwner(() => revokeApiClientAction(null, form({ directoryId: dir.id, apiClientId: first.id })));
      expect(revoked).toMatchObject({ action: "api_client.revoke", targetId: first.id, before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
      // Revoking again changes nothing: no second row.
      expect(await audited(() => revokeApiClientAction(null, form({ directoryId: dir.id, apiClientId: first.id })))).toHaveLength(0);
    });

    it("API keys create and revoke, without the key or its hash", async () => {
      const dir = await newDirectory("Keys");
      let made = { id: "", key: "" };
      const created = await oneByOwner(async () => {
        const r = await createApiKeyAction(null, (() => {
          const fd = form({ name: "HR portal" });
          fd.append("directoryIds", dir.id);
          return fd;
        })());
        if (!r.ok) throw new Error(r.error);
        made = { id: r.data!.id, key: r.data!.key };
      });
      const row = await db().prisma.apiKey.findUniqueOrThrow({ where: { id: made.id } });
      expect(created).toMatchObject({ action: "api_key.create", targetType: "api_key", targetId: made.id, targetLabel: "HR portal", after: { name: "HR portal", keyPrefix: row.keyPrefix, directoryIds: [dir.id] } });
      expect(row.createdBy).toBe("owner@example.com");
      expectNoSecret(created, made.key, row.keyHash);

      const revoked = await oneByOwner(() => revokeApiKeyAction(null, form({ apiKeyId: made.id })));
      expect(revoked).toMatchObject({ action: "api_key.revoke", targetId: made.id, before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
      expectNoSecret(revoked, made.key, row.keyHash);
    });

    it("admins add, role change, sign out everywhere and remove, without the password or its hash", async () => {
      const password = "a brand new admin password";
      const added = await oneByOwner(() => addAdminAction(null, form({ email: "Temp@Example.com", password, role: "directoryManager" })));
      const temp = await db().prisma.admin.findUniqueOrThrow({ where: { email: "temp@example.com" } });
      expect(added).toMatchObject({ action: "admin.add", targetType: "admin", targetId: temp.id, targetLabel: "temp@example.com", before: null, after: { email: "temp@example.com", name: "", role: "directoryManager" } });
      expectNoSecret(added, password, temp.passwordHash);

      const lowered = await oneByOwner(() => setAdminRoleAction(null, form({ adminId: temp.id, role: "viewer" })));
      expect(lowered).toMatchObject({ action: "admin.role_change", targetId: temp.id, before: { role: "directoryManager" }, after: { role: "viewer" } });
      expect(await audited(() => setAdminRoleAction(null, form({ adminId: temp.id, role: "viewer" })))).toHaveLength(0);

      const ended = await oneByOwner(() => signOutEverywhereAction(null, form({ adminId: temp.id })));
      expect(ended).toMatchObject({ action: "admin.sign_out_everywhere", targetType: "session", targetId: temp.id, before: { sessionVersion: 0 }, after: { sessionVersion: 1 } });

      const removed = await oneByOwner(() => removeAdminAction(null, form({ adminId: temp.id })));
      expect(removed).toMatchObject({ action: "admin.remove", targetId: temp.id, before: { email: "temp@example.com", role: "viewer" }, after: null });
      expectNoSecret(removed, temp.passwordHash);
    });

    it("webhooks create, disable, enable, rotate secret, replay and delete, without a secret or the URL's query", async () => {
      setTestEnv({ ROSTER_WEBHOOK_ALLOW_HTTP: "true", ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" });
      try {
        const dir = await newDirectory("Hooks");
        let made = { id: "", secret: "" };
        const created = await oneByOwner(async () => {
          const fd = form({ url: "http://127.0.0.1:9/hook?token=query-token-value", description: "HR sync" });
          fd.append("directoryIds", dir.id);
          const r = await createWebhookAction(null, fd);
          if (!r.ok) throw new Error(r.error);
          made = { id: r.data!.id, secret: r.data!.secret };
        });
        expect(created).toMatchObject({
          action: "webhook.create",
          targetType: "webhook",
          targetId: made.id,
          targetLabel: "http://127.0.0.1:9/hook",
          after: { url: "http://127.0.0.1:9/hook", description: "HR sync", directoryIds: [dir.id], eventTypes: [], enabled: true },
        });
        expectNoSecret(created, made.secret, "query-token-value");

        const disabled = await oneByOwner(() => setWebhookEnabledAction(null, form({ webhookId: made.id, enabled: "false" })));
        expect(disabled).toMatchObject({ action: "webhook.disable", before: { enabled: true }, after: { enabled: false, disabledReason: "Disabled by owner@example.com" } });
        const enabled = await oneByOwner(() => setWebhookEnabledAction(null, form({ webhookId: made.id, enabled: "true" })));
        expect(enabled).toMatchObject({ action: "webhook.enable", before: { enabled: false }, after: { enabled: true } });

        let fresh = "";
        const rotated = await oneByOwner(async () => {
          const r = await rotateWebhookSecretAction(null, form({ webhookId: made.id }));
          if (!r.ok) throw new Error(r.error);
          fresh = r.data!.secret;
        });
        expect(rotated).toMatchObject({ action: "webhook.rotate_secret", targetId: made.id, after: { overlapEndsAt: expect.any(String) } });
        expectNoSecret(rotated, made.secret, fresh);

        // An event to replay: the directory's deactivation.
        const since = new Date(Date.now() - 1000);
        await setDirectoryActiveAction(null, form({ directoryId: dir.id, active: "false" }));
        const replayed = await oneByOwner(() => replayWebhookAction(null, form({ webhookId: made.id, since: since.toISOString().slice(0, 19), timezoneOffset: "0" })));
        expect(replayed).toMatchObject({ action: "webhook.replay", targetId: made.id, before: { cursor: expect.any(Number) }, after: { cursor: expect.any(Number) } });

        const deleted = await oneByOwner(() => deleteWebhookAction(null, form({ webhookId: made.id })));
        expect(deleted).toMatchObject({ action: "webhook.delete", targetId: made.id, before: { url: "http://127.0.0.1:9/hook", enabled: true }, after: null });
        expectNoSecret(deleted, made.secret, fresh, "query-token-value");
      } finally {
        restoreTestEnv();
      }
    });

    it("a refused or failed change writes no row", async () => {
      const dir = await newDirectory("Refused");
      signInAs(ids.viewer);
      expect(await audited(() => renameDirectoryAction(null, form({ directoryId: dir.id, name: "Nope" })))).toHaveLength(0);
      signInAs(ids.owner);
      expect(await audited(() => revokeApiClientAction(null, form({ directoryId: dir.id, apiClientId: "no-such-client" })))).toHaveLength(0);
      expect(await audited(() => setAdminRoleAction(null, form({ adminId: ids.owner, role: "viewer" })))).toHaveLength(0);
      expect(await db().prisma.admin.findUniqueOrThrow({ where: { id: ids.owner } })).toMatchObject({ isOwner: true });
    });
  });

  describe("the CLI", () => {
    it("records every change with the actor cli and the OS user", async () => {
      const osUser = userInfo().username;
      const made = await audited(async () => {
        const created = await cli(["directory", "create", "--name", "From the CLI", "--json"]);
        expect(created.code).toBe(0);
        const { directory, clientId, clientSecret } = JSON.parse(created.out);
        expect((await cli(["directory", "deactivate", "--id", directory.id])).code).toBe(0);
        expect((await cli(["directory", "activate", "--id", directory.id])).code).toBe(0);
        const client = JSON.parse((await cli(["client", "create", "--directory", directory.id, "--json"])).out);
        expect((await cli(["client", "revoke", "--directory", directory.id, "--client", client.clientId])).code).toBe(0);
        const key = JSON.parse((await cli(["api-key", "create", "--name", "Reader", "--json"])).out);
        expect((await cli(["api-key", "revoke", key.apiKey.id])).code).toBe(0);
        setTestEnv({ ROSTER_WEBHOOK_ALLOW_HTTP: "true", ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" });
        try {
          const hook = JSON.parse((await cli(["webhook", "create", "--url", "http://127.0.0.1:9/cli-hook", "--json"])).out);
          expect((await cli(["webhook", "disable", hook.webhook.id])).code).toBe(0);
          expect((await cli(["webhook", "enable", hook.webhook.id])).code).toBe(0);
          const rotated = JSON.parse((await cli(["webhook", "rotate-secret", hook.webhook.id, "--json"])).out);
          expect((await cli(["webhook", "delete", hook.webhook.id])).code).toBe(0);
          secrets.push(hook.secret, rotated.secret);
        } finally {
          restoreTestEnv();
        }
        expect((await cli(["directory", "delete", "--id", directory.id])).code).toBe(0);
        secrets.push(clientSecret, client.clientSecret, key.key);
        expect(clientId).toBeTruthy();
      });
      expect(made.map((r) => r.action)).toEqual([
        "directory.create",
        "api_client.create",
        "directory.deactivate",
        "directory.activate",
        "api_client.create",
        "api_client.revoke",
        "api_key.create",
        "api_key.revoke",
        "webhook.create",
        "webhook.disable",
        "webhook.enable",
        "webhook.rotate_secret",
        "webhook.delete",
        "directory.delete",
      ]);
      for (const row of made) {
        expect(row).toMatchObject({ actorType: "cli", actorId: null, actorName: osUser, ip: null });
        expectNoSecret(row, ...secrets);
      }
      expect((await db().prisma.apiKey.findFirstOrThrow({ where: { name: "Reader" } })).createdBy).toBe("CLI");
    });
    const secrets: string[] = [];
  });

  describe("sign-in", () => {
    it("records success and failure with the address, never the password", async () => {
      await db().prisma.rateLimitBucket.deleteMany();
      const rows = await audited(async () => {
        expect(await verifyAdminCredentials({ email: "manager@example.com", password: "a password for tests", ip: "198.51.100.4", db: db() })).toMatchObject({ ok: true });
        expect(await verifyAdminCredentials({ email: "manager@example.com", password: "a wrong password guess", ip: "198.51.100.5", db: db() })).toMatchObject({ ok: false });
        expect(await verifyAdminCredentials({ email: "nobody@example.com", password: "a wrong password guess", ip: "198.51.100.6", db: db() })).toMatchObject({ ok: false });
      });
      expect(rows).toHaveLength(3);
      expect(rows[0]).toMatchObject({ action: "auth.sign_in", actorType: "admin", actorId: ids.manager, actorName: "manager@example.com", ip: "198.51.100.4", targetId: ids.manager });
      expect(rows[1]).toMatchObject({ action: "auth.sign_in_failed", actorType: "anonymous", actorId: null, actorName: "manager@example.com", ip: "198.51.100.5", after: { reason: "wrong password" } });
      expect(rows[2]).toMatchObject({ action: "auth.sign_in_failed", actorName: "nobody@example.com", ip: "198.51.100.6", targetId: null, after: { reason: "unknown email" } });
      for (const row of rows) expectNoSecret(row, "a password for tests", "a wrong password guess");
    });

    it("records failures for unknown emails at most UNKNOWN_AUDITS_PER_ADDRESS times per address and window", async () => {
      await db().prisma.rateLimitBucket.deleteMany();
      const attempt = (email: string, ip: string) => verifyAdminCredentials({ email, password: "a wrong password guess", ip, db: db() });
      const rows = await audited(async () => {
        for (let i = 0; i < UNKNOWN_AUDITS_PER_ADDRESS + 3; i++) expect(await attempt(`spray${i}@example.com`, "203.0.113.7")).toEqual({ ok: false, reason: "invalid" });
        expect(await attempt("other@example.com", "203.0.113.8")).toEqual({ ok: false, reason: "invalid" });
        // A known admin's failures stay recorded (bounded by the per-email throttle instead).
        expect(await attempt("manager@example.com", "203.0.113.7")).toEqual({ ok: false, reason: "invalid" });
      });
      const fromSpray = rows.filter((r) => r.ip === "203.0.113.7" && r.targetId === null);
      expect(fromSpray.map((r) => r.actorName)).toEqual(Array.from({ length: UNKNOWN_AUDITS_PER_ADDRESS }, (_, i) => `spray${i}@example.com`));
      expect(fromSpray.slice(0, -1).every((r) => !("note" in (r.after as object)))).toBe(true);
      expect(fromSpray.at(-1)!.after).toMatchObject({ reason: "unknown email", note: expect.stringMatching(/^Further failed sign-ins for unknown emails from this address are not recorded for up to 1[45] min$/) });
      expect(rows.filter((r) => r.ip === "203.0.113.8")).toHaveLength(1);
      expect(rows.filter((r) => r.actorName === "manager@example.com")).toHaveLength(1);
      await db().prisma.rateLimitBucket.deleteMany();
    });

    it("records the first owner's creation", async () => {
      const fresh = await db().prisma.auditLog.count({ where: { action: "admin.add", actorType: "system" } });
      // Setup is closed here (admins exist): refused, and nothing recorded.
      await expect(createFirstOwner({ input: { email: "late@example.com", password: "a late owner password" }, actor: { type: "system", name: "first-run setup" }, db: db() })).rejects.toThrow();
      expect(await db().prisma.auditLog.count({ where: { action: "admin.add", actorType: "system" } })).toBe(fresh);
    });
  });

  describe("the writer", () => {
    it("refuses values that name a secret, and the change goes with it", async () => {
      const dir = await newDirectory("Atomic");
      const attempt = runInTransaction(db(), async (tx) => {
        await tx.directory.update({ where: { id: dir.id }, data: { name: "Changed" } });
        await recordAudit(tx, { actor: { type: "cli", osUser: "x" }, action: "directory.rename", target: { type: "directory", id: dir.id }, after: { clientSecret: "rs_nope" } });
      });
      await expect(attempt).rejects.toThrow(/secret/);
      expect((await db().prisma.directory.findUniqueOrThrow({ where: { id: dir.id } })).name).toBe("Atomic");
      expect(await db().prisma.auditLog.count({ where: { targetId: dir.id } })).toBe(0);
    });
  });

  describe("the Audit log page and export", () => {
    it("filters by actor, action, target and time", async () => {
      await createDirectoryAction(null, form({ name: "Filter target", type: "scim" })).catch(() => undefined);
      const byAction = await listAuditLog({ filter: { action: "directory.create" }, page: {} });
      expect(byAction.items.length).toBeGreaterThan(0);
      expect(byAction.items.every((r) => r.action === "directory.create")).toBe(true);
      const byActor = await listAuditLog({ filter: { actor: "OWNER@example" }, page: {} });
      expect(byActor.items.length).toBeGreaterThan(0);
      expect(byActor.items.every((r) => r.actorName === "owner@example.com")).toBe(true);
      const byTarget = await listAuditLog({ filter: { target: "Filter target" }, page: {} });
      expect(byTarget.items.map((r) => r.targetLabel)).toEqual(["Filter target"]);
      const future = await listAuditLog({ filter: { from: "2999-01-01T00:00" }, page: {} });
      expect(future.items).toHaveLength(0);
      const past = await listAuditLog({ filter: { to: "2000-01-01T00:00" }, page: {} });
      expect(past.items).toHaveLength(0);
    });

    it("exports CSV to owners only, with formula-like cells neutralised", async () => {
      await expectRedirect(createDirectoryAction(null, form({ name: '=HYPERLINK("https://evil.example","x")', type: "scim" })));
      signInAs(ids.manager);
      expect((await exportCsv(new Request("http://roster.test/admin/audit/export"))).status).toBe(403);
      signInAs(null);
      expect((await exportCsv(new Request("http://roster.test/admin/audit/export"))).status).toBe(401);
      signInAs(ids.owner);
      const response = await exportCsv(new Request("http://roster.test/admin/audit/export?action=directory.create"));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
      const text = await response.text();
      const lines = text.trim().split("\r\n");
      expect(lines[0]).toBe('"time","actorType","actorId","actor","ip","action","targetType","targetId","target","directoryId","before","after"');
      expect(lines.length - 1).toBe(await db().prisma.auditLog.count({ where: { action: "directory.create" } }));
      expect(lines.slice(1).every((l) => l.includes('"directory.create"'))).toBe(true);
      expect(text).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
      expect(text).not.toMatch(/(^|,)"=/m);
    });
  });

  describe("retention", () => {
    it("deletes rows older than the retention period in bounded batches; 0 keeps everything", async () => {
      const old = new Date(Date.now() - 400 * 86_400_000);
      await db().prisma.auditLog.createMany({ data: Array.from({ length: 5 }, (_, i) => ({ actorType: "cli", actorName: "old", action: "directory.create", targetType: "directory", targetLabel: `old ${i}`, createdAt: old })) });
      const recent = await db().prisma.auditLog.count({ where: { actorName: { not: "old" } } });
      expect(await pruneAuditLog({ db: db(), retentionDays: 0 })).toEqual({ deleted: 0, more: false });
      expect(await pruneAuditLog({ db: db(), retentionDays: 365, batchSize: 2, maxBatches: 2 })).toEqual({ deleted: 4, more: true });
      expect(await pruneAuditLog({ db: db(), retentionDays: 365, batchSize: 2, maxBatches: 2 })).toEqual({ deleted: 1, more: false });
      expect(await db().prisma.auditLog.count({ where: { actorName: "old" } })).toBe(0);
      expect(await db().prisma.auditLog.count()).toBe(recent);
    });

    it("runs as the audit-retention background job with ROSTER_AUDIT_RETENTION_DAYS", async () => {
      const job = findBackgroundJob("audit-retention");
      expect(job).toBeDefined();
      const at = (days: number) => new Date(Date.now() - days * 86_400_000);
      await db().prisma.auditLog.createMany({
        data: [40, 20].map((days) => ({ actorType: "cli", actorName: `aged ${days}`, action: "directory.create", targetType: "directory", createdAt: at(days) })),
      });
      setTestEnv({ ROSTER_AUDIT_RETENTION_DAYS: "30" });
      try {
        expect(await job!.run({ signal: new AbortController().signal })).toEqual({ more: false });
      } finally {
        restoreTestEnv();
      }
      expect((await db().prisma.auditLog.findMany({ where: { actorName: { startsWith: "aged" } } })).map((r) => r.actorName)).toEqual(["aged 20"]);
    });
  });

  describe("sessions end on the next request", () => {
    it("after sign out everywhere, a lowered role, or removal", async () => {
      const temp = await db().prisma.admin.create({ data: { email: "session@example.com", passwordHash: "x", canManageDirectories: true } });
      signInAs(temp.id, 0);
      await expect(requirePermission("manageDirectories")).resolves.toMatchObject({ id: temp.id });

      // Lowered to viewer: the same session may no longer manage directories.
      signInAs(ids.owner);
      expect(await setAdminRoleAction(null, form({ adminId: temp.id, role: "viewer" }))).toMatchObject({ ok: true });
      signInAs(temp.id, 0);
      await expect(requirePermission("manageDirectories")).rejects.toMatchObject({ reason: "forbidden" });
      await expect(requirePermission()).resolves.toMatchObject({ id: temp.id });

      // Signed out everywhere (by themselves): the session carrying version 0 is refused, a new one works.
      expect(await signOutEverywhereAction(null, form({}))).toMatchObject({ ok: true });
      await expect(requirePermission()).rejects.toMatchObject({ reason: "unauthenticated" });
      signInAs(temp.id, 1);
      await expect(requirePermission()).resolves.toMatchObject({ id: temp.id });

      // Only an owner may end another admin's sessions.
      expect(await signOutEverywhereAction(null, form({ adminId: ids.owner }))).toMatchObject({ ok: false });

      // Removed: refused at once.
      signInAs(ids.owner);
      expect(await removeAdminAction(null, form({ adminId: temp.id }))).toMatchObject({ ok: true });
      signInAs(temp.id, 1);
      await expect(requirePermission()).rejects.toMatchObject({ reason: "unauthenticated" });
    });
  });
});
