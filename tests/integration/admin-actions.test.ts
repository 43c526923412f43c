// The admin console's server actions called directly, as an attacker could (a POST without the UI):
// every one checks the session and the permission, and scopes ids by the directory in the form; and
// each applies the same rule as the CLI, through the one admin domain both call.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", () => ({ getSessionIdentity: vi.fn(async () => null) }));
vi.mock("next/cache", () => import("../support/next-mocks"));
vi.mock("next/headers", () => import("../support/next-mocks"));
vi.mock("next/navigation", () => import("../support/next-mocks"));

import { addAdminAction, removeAdminAction, setAdminRoleAction } from "@/app/(admin)/admin/admins/actions";
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
import { createOwnerAction } from "@/app/(auth)/setup/actions";
import { runCli } from "@/cli/run-cli";
import { createApiClient } from "@/lib/admin/api-clients/create-api-client";
import { listApiClients } from "@/lib/admin/api-clients/list-api-clients";
import { rotateApiClient } from "@/lib/admin/api-clients/rotate-api-client";
import { createDirectory } from "@/lib/admin/directories/create-directory";
import { AdminError } from "@/lib/admin/errors";
import { addAdmin } from "@/lib/admin/admins/add-admin";
import { getSessionIdentity } from "@/lib/auth/session";
import { hashPassword } from "@/lib/auth/password";
import { setDbForTests } from "@/lib/db/client";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { expectRedirect } from "../support/next-mocks";
import { TEST_ACTOR } from "../support/audit";

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

const later = () => new Promise((r) => setTimeout(r, 5));


describe.each(DATABASE_KINDS)("admin server actions on %s", (kind) => {
  const database = useTestDatabase(kind);
  const ids = { owner: "", manager: "", reader: "" };
  const signInAs = (who: keyof typeof ids | null) => session.mockResolvedValue(who ? { adminId: ids[who], sessionVersion: 0 } : null);

  beforeAll(async () => {
    const db = database.current.db;
    ids.owner = (await db.prisma.admin.create({ data: { email: "owner@example.com", passwordHash: await hashPassword("owner password 1"), isOwner: true, canManageDirectories: true } })).id;
    ids.manager = (await addAdmin({ email: "manager@example.com", password: "manager password", role: "directoryManager", actor: TEST_ACTOR })).id;
    ids.reader = (await addAdmin({ email: "reader@example.com", password: "reader password!", role: "viewer", actor: TEST_ACTOR })).id;
  });
  beforeEach(() => signInAs(null));

  async function newDirectory(name: string) {
    return database.current.db.prisma.directory.create({ data: { name, type: "scim", active: true } });
  }

  it("refuses every mutating action without a session", async () => {
    const dir = await newDirectory("Untouchable");
    const calls = [
      () => createApiClientAction(null, form({ directoryId: dir.id })),
      () => revokeApiClientAction(null, form({ directoryId: dir.id, apiClientId: "x" })),
      () => renameDirectoryAction(null, form({ directoryId: dir.id, name: "Changed" })),
      () => setDeprovisionPolicyAction(null, form({ directoryId: dir.id, deprovisionPolicy: "retain" })),
      () => setDirectoryActiveAction(null, form({ directoryId: dir.id, active: "false" })),
      () => deleteDirectoryAction(null, form({ directoryId: dir.id, confirmation: "Untouchable" })),
      () => addProfileFieldAction(null, form({ directoryId: dir.id, name: "x" })),
      () => removeProfileFieldAction(null, form({ directoryId: dir.id, profileFieldId: "x" })),
      () => addAdminAction(null, form({ email: "x@example.com", password: "long enough password" })),
      () => setAdminRoleAction(null, form({ adminId: ids.reader, role: "owner" })),
      () => removeAdminAction(null, form({ adminId: ids.reader })),
    ];
    for (const call of calls) expect(await call()).toMatchObject({ ok: false, error: expect.stringMatching(/sign in/i) });
    expect(await database.current.db.prisma.directory.findUniqueOrThrow({ where: { id: dir.id } })).toMatchObject({ name: "Untouchable", active: true });
    expect(await database.current.db.prisma.admin.findUniqueOrThrow({ where: { id: ids.reader } })).toMatchObject({ isOwner: false });
  });

  it("refuses first-run setup once an admin exists", async () => {
    const result = await createOwnerAction(null, form({ email: "intruder@example.com", password: "intruder password", confirmPassword: "intruder password" }));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/already set up/) });
    expect(await database.current.db.prisma.admin.count({ where: { email: "intruder@example.com" } })).toBe(0);
  });

  describe("create directory", () => {
    it("refuses a request without a session", async () => {
      const result = await createDirectoryAction(null, form({ name: "No session", type: "scim" }));
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/sign in/i) });
      expect(await database.current.db.prisma.directory.count({ where: { name: "No session" } })).toBe(0);
    });

    it("refuses a read-only admin", async () => {
      signInAs("reader");
      const result = await createDirectoryAction(null, form({ name: "Read only", type: "scim" }));
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/Manage user directories/) });
      expect(await database.current.db.prisma.directory.count({ where: { name: "Read only" } })).toBe(0);
    });

    it("refuses a session whose admin was removed", async () => {
      session.mockResolvedValue({ adminId: "00000000-0000-0000-0000-000000000000", sessionVersion: 0 });
      const result = await createDirectoryAction(null, form({ name: "Ghost", type: "scim" }));
      expect(result.ok).toBe(false);
    });

    it("reports validation errors per field", async () => {
      signInAs("owner");
      const result = await createDirectoryAction(null, form({ name: "   ", type: "ldap" }));
      expect(result).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String), type: expect.any(String) } });
    });

    it("lets the owner and a manager create one, then redirects to it", async () => {
      signInAs("owner");
      const to = await expectRedirect(createDirectoryAction(null, form({ name: "Contoso", type: "scim", active: "on" })));
      const created = await database.current.db.prisma.directory.findFirstOrThrow({ where: { name: "Contoso" } });
      expect(to).toBe(`/admin/directories/${created.id}`);
      expect(created).toMatchObject({ type: "scim", active: true });
      signInAs("manager");
      await expectRedirect(createDirectoryAction(null, form({ name: "Fabrikam", type: "scim" })));
      expect(await database.current.db.prisma.directory.findFirstOrThrow({ where: { name: "Fabrikam" } })).toMatchObject({ active: false });
    });
  });

  describe("API clients", () => {
    it("shows the secret once to a manager and stores only its hash", async () => {
      const dir = await newDirectory("Clients");
      signInAs("reader");
      expect(await createApiClientAction(null, form({ directoryId: dir.id, label: "x" }))).toMatchObject({ ok: false });
      signInAs("manager");
      const result = await createApiClientAction(null, form({ directoryId: dir.id, label: "Entra ID" }));
      expect(result.ok).toBe(true);
      const data = result.ok ? result.data! : undefined;
      expect(data?.clientSecret).toBeTruthy();
      const row = await database.current.db.prisma.apiClient.findFirstOrThrow({ where: { directoryId: dir.id } });
      expect(row.clientId).toBe(data?.apiClient.clientId);
      expect(row.label).toBe("Entra ID");
      expect(row.secretHash).not.toContain(data!.clientSecret);
    });

    it("refuses to create a client for a directory that does not exist", async () => {
      signInAs("owner");
      expect(await createApiClientAction(null, form({ directoryId: "does-not-exist" }))).toMatchObject({ ok: false });
    });

    it("refuses to revoke another directory's client through this directory (id tampering)", async () => {
      const a = await newDirectory("Tenant A");
      const b = await newDirectory("Tenant B");
      signInAs("owner");
      const created = await createApiClientAction(null, form({ directoryId: b.id }));
      const apiClientId = created.ok ? created.data!.apiClient.id : "";
      const tampered = await revokeApiClientAction(null, form({ directoryId: a.id, apiClientId }));
      expect(tampered).toMatchObject({ ok: false });
      expect((await database.current.db.prisma.apiClient.findUniqueOrThrow({ where: { id: apiClientId } })).revokedAt).toBeNull();

      signInAs("reader");
      expect(await revokeApiClientAction(null, form({ directoryId: b.id, apiClientId }))).toMatchObject({ ok: false });
      expect((await database.current.db.prisma.apiClient.findUniqueOrThrow({ where: { id: apiClientId } })).revokedAt).toBeNull();

      signInAs("manager");
      expect(await revokeApiClientAction(null, form({ directoryId: b.id, apiClientId }))).toMatchObject({ ok: true });
      expect((await database.current.db.prisma.apiClient.findUniqueOrThrow({ where: { id: apiClientId } })).revokedAt).not.toBeNull();
    });

    it("rotation refuses an old client from another directory", async () => {
      const a = await newDirectory("Rotate A");
      const b = await newDirectory("Rotate B");
      signInAs("owner");
      const inB = await createApiClientAction(null, form({ directoryId: b.id }));
      const result = await createApiClientAction(null, form({ directoryId: a.id, rotatesApiClientId: inB.ok ? inB.data!.apiClient.id : "" }));
      expect(result).toMatchObject({ ok: false });
      expect(await database.current.db.prisma.apiClient.count({ where: { directoryId: a.id } })).toBe(0);
    });
  });

  describe("directory settings", () => {
    it("are refused to a read-only admin and applied for a manager", async () => {
      const dir = await newDirectory("Settings");
      const db = database.current.db;
      signInAs("reader");
      for (const [action, fields] of [
        [renameDirectoryAction, { directoryId: dir.id, name: "Renamed" }],
        [setDeprovisionPolicyAction, { directoryId: dir.id, deprovisionPolicy: "retain" }],
        [setDirectoryActiveAction, { directoryId: dir.id, active: "false" }],
        [addProfileFieldAction, { directoryId: dir.id, name: "costCenter" }],
      ] as const) {
        expect(await action(null, form(fields))).toMatchObject({ ok: false, error: expect.stringMatching(/Manage user directories/) });
      }
      expect(await db.prisma.directory.findUniqueOrThrow({ where: { id: dir.id } })).toMatchObject({ name: "Settings", deprovisionPolicy: "erase", active: true });
      expect(await db.prisma.directoryProfileField.count({ where: { directoryId: dir.id } })).toBe(0);

      signInAs("manager");
      expect(await renameDirectoryAction(null, form({ directoryId: dir.id, name: "Renamed" }))).toMatchObject({ ok: true });
      expect(await setDeprovisionPolicyAction(null, form({ directoryId: dir.id, deprovisionPolicy: "retain" }))).toMatchObject({ ok: true });
      expect(await setDeprovisionPolicyAction(null, form({ directoryId: dir.id, deprovisionPolicy: "shred" }))).toMatchObject({ ok: false });
      expect(await setDirectoryActiveAction(null, form({ directoryId: dir.id, active: "false" }))).toMatchObject({ ok: true });
      expect(await db.prisma.directory.findUniqueOrThrow({ where: { id: dir.id } })).toMatchObject({ name: "Renamed", deprovisionPolicy: "retain", active: false });
    });

    it("manages expected profile fields, scoped to the directory", async () => {
      const a = await newDirectory("Fields A");
      const b = await newDirectory("Fields B");
      const db = database.current.db;
      signInAs("manager");
      expect(await addProfileFieldAction(null, form({ directoryId: a.id, name: "profileField_costCenter", label: "Cost center" }))).toMatchObject({ ok: true });
      expect(await addProfileFieldAction(null, form({ directoryId: a.id, name: "costCenter" }))).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
      expect(await addProfileFieldAction(null, form({ directoryId: a.id, name: "9 bad name" }))).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
      const field = await db.prisma.directoryProfileField.findFirstOrThrow({ where: { directoryId: a.id } });
      expect(field).toMatchObject({ name: "costCenter", label: "Cost center" });
      // Removing A's field through B's page is refused.
      expect(await removeProfileFieldAction(null, form({ directoryId: b.id, profileFieldId: field.id }))).toMatchObject({ ok: false });
      expect(await db.prisma.directoryProfileField.count({ where: { id: field.id } })).toBe(1);
      expect(await removeProfileFieldAction(null, form({ directoryId: a.id, profileFieldId: field.id }))).toMatchObject({ ok: true });
      expect(await db.prisma.directoryProfileField.count({ where: { id: field.id } })).toBe(0);
    });

    it("deletes a directory only with the exact name typed, and only for a manager", async () => {
      const dir = await newDirectory("Delete me");
      const db = database.current.db;
      signInAs("reader");
      expect(await deleteDirectoryAction(null, form({ directoryId: dir.id, confirmation: "Delete me" }))).toMatchObject({ ok: false });
      signInAs("manager");
      expect(await deleteDirectoryAction(null, form({ directoryId: dir.id, confirmation: "delete me" }))).toMatchObject({ ok: false, fieldErrors: { confirmation: expect.any(String) } });
      expect(await db.prisma.directory.count({ where: { id: dir.id } })).toBe(1);
      expect(await expectRedirect(deleteDirectoryAction(null, form({ directoryId: dir.id, confirmation: "Delete me" })))).toBe("/admin/directories");
      expect(await db.prisma.directory.count({ where: { id: dir.id } })).toBe(0);
    });
  });

  describe("admins (owner only)", () => {
    it("refuses a manager and lets the owner add a read-only admin", async () => {
      const db = database.current.db;
      signInAs("manager");
      expect(await addAdminAction(null, form({ email: "new@example.com", password: "new admin password" }))).toMatchObject({ ok: false });
      signInAs("owner");
      expect(await addAdminAction(null, form({ email: "New@Example.com", password: "new admin password" }))).toMatchObject({ ok: true });
      expect(await db.prisma.admin.findUniqueOrThrow({ where: { email: "new@example.com" } })).toMatchObject({ isOwner: false, canManageDirectories: false });
      expect(await addAdminAction(null, form({ email: "new@example.com", password: "another password" }))).toMatchObject({ ok: false, fieldErrors: { email: expect.any(String) } });
      expect(await addAdminAction(null, form({ email: "short@example.com", password: "short" }))).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    });

    it("grants and revokes the directory permission", async () => {
      const db = database.current.db;
      signInAs("owner");
      expect(await setAdminRoleAction(null, form({ adminId: ids.reader, role: "directoryManager" }))).toMatchObject({ ok: true });
      expect((await db.prisma.admin.findUniqueOrThrow({ where: { id: ids.reader } })).canManageDirectories).toBe(true);
      expect(await setAdminRoleAction(null, form({ adminId: ids.reader, role: "viewer" }))).toMatchObject({ ok: true });
      expect((await db.prisma.admin.findUniqueOrThrow({ where: { id: ids.reader } })).canManageDirectories).toBe(false);
      signInAs("reader");
      expect(await setAdminRoleAction(null, form({ adminId: ids.reader, role: "directoryManager" }))).toMatchObject({ ok: false });
      expect((await db.prisma.admin.findUniqueOrThrow({ where: { id: ids.reader } })).canManageDirectories).toBe(false);
    });

    it("never leaves Roster without an owner", async () => {
      const db = database.current.db;
      signInAs("owner");
      expect(await setAdminRoleAction(null, form({ adminId: ids.owner, role: "directoryManager" }))).toMatchObject({ ok: false });
      expect(await removeAdminAction(null, form({ adminId: ids.owner }))).toMatchObject({ ok: false });
      expect((await db.prisma.admin.findUniqueOrThrow({ where: { id: ids.owner } })).isOwner).toBe(true);
      const temp = await addAdmin({ email: "temp@example.com", password: "temporary password", role: "viewer", actor: TEST_ACTOR });
      expect(await removeAdminAction(null, form({ adminId: temp.id }))).toMatchObject({ ok: true });
      expect(await db.prisma.admin.count({ where: { id: temp.id } })).toBe(0);
    });
  });

  // One admin domain, one rule per input: what the CLI creates the console can edit, and both list and
  // create API clients the same way (they once had separate schemas and queries that disagreed).
  describe("one rule for the console and the CLI", () => {
    beforeEach(() => {
      signInAs("manager");
    });
    afterEach(() => {
      setDbForTests(database.current.db);
    });

    describe("directory names", () => {
      it("a 150-character name created by the CLI can be renamed in the console, to another of 150", async () => {
        const created = await cli(["directory", "create", "--name", "c".repeat(150), "--json"]);
        expect(created.code).toBe(0);
        const { id } = JSON.parse(created.out).directory;
        expect(await renameDirectoryAction(null, form({ directoryId: id, name: "r".repeat(150) }))).toMatchObject({ ok: true });
        expect(await database.current.db.prisma.directory.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "r".repeat(150) });
      });

      it("the console and the CLI accept 200 characters and refuse 201 with the same message", async () => {
        const console200 = await createDirectoryAction(null, form({ name: "n".repeat(200), type: "scim" })).catch((e: { digest?: string }) => e.digest);
        expect(console200).toMatch(/^NEXT_REDIRECT/);
        expect((await cli(["directory", "create", "--name", "n".repeat(200)])).code).toBe(0);

        const fromConsole = await createDirectoryAction(null, form({ name: "n".repeat(201), type: "scim" }));
        const fromCli = await cli(["directory", "create", "--name", "n".repeat(201)]);
        expect(fromConsole).toMatchObject({ ok: false, fieldErrors: { name: "Use at most 200 characters for the name" } });
        expect(fromCli).toMatchObject({ code: 2, err: expect.stringContaining("Use at most 200 characters for the name") });
      });
    });

    describe("API clients", () => {
      it("the console and the CLI list the same clients in the same order: newest first, revoked ones in place", async () => {
        const d = await createDirectory({ name: "Order", active: true, actor: TEST_ACTOR });
        const made: string[] = [];
        for (const label of ["first", "second", "third"]) {
          made.push((await createApiClient({ directoryId: d.id, label, actor: TEST_ACTOR })).apiClient.clientId);
          await later();
        }
        expect(await revokeApiClientAction(null, form({ directoryId: d.id, apiClientId: made[2] }))).toMatchObject({ ok: true });
        const newestFirst = [...made].reverse();
        expect((await listApiClients({ directoryId: d.id })).map((c) => c.clientId)).toEqual(newestFirst);
        const listed = await cli(["client", "list", "--directory", d.id, "--json"]);
        expect(JSON.parse(listed.out).map((c: { clientId: string }) => c.clientId)).toEqual(newestFirst);
      });

      it("creating returns one shape to the console, the CLI and the library", async () => {
        const d = await createDirectory({ name: "Shape", active: true, actor: TEST_ACTOR });
        const fromLibrary = await createApiClient({ directoryId: d.id, label: "library", actor: TEST_ACTOR });
        const fromConsole = await createApiClientAction(null, form({ directoryId: d.id, label: "console" }));
        expect(fromConsole.ok).toBe(true);
        const data = fromConsole.ok ? fromConsole.data! : fromLibrary;
        expect(Object.keys(data).sort()).toEqual(Object.keys(fromLibrary).sort());
        expect(Object.keys(data.apiClient).sort()).toEqual(Object.keys(fromLibrary.apiClient).sort());
        expect(data.apiClient).toMatchObject({ label: "console", revokedAt: null, lastUsedAt: null });

        const fromCli = JSON.parse((await cli(["client", "create", "--directory", d.id, "--label", "cli", "--json"])).out);
        const row = await database.current.db.prisma.apiClient.findUniqueOrThrow({ where: { clientId: fromCli.clientId } });
        expect(fromCli).toMatchObject({ id: row.id, clientId: row.clientId, label: "cli", clientSecret: expect.stringMatching(/^rs_/) });
      });

      it("a 150-character label created by the CLI is kept by the console's rotation", async () => {
        const d = await createDirectory({ name: "Labels", active: true, actor: TEST_ACTOR });
        const made = JSON.parse((await cli(["client", "create", "--directory", d.id, "--label", "l".repeat(150), "--json"])).out);
        const rotated = await createApiClientAction(null, form({ directoryId: d.id, label: "l".repeat(150), rotatesApiClientId: made.id }));
        expect(rotated).toMatchObject({ ok: true, data: { apiClient: { label: "l".repeat(150) }, replaces: { id: made.id, clientId: made.clientId } } });
        expect(await createApiClientAction(null, form({ directoryId: d.id, label: "l".repeat(201) }))).toMatchObject({ ok: false, fieldErrors: { label: expect.stringMatching(/200/) } });
      });

      it("rotation keeps the old client working, takes its label, and refuses a client of another directory", async () => {
        const a = await createDirectory({ name: "Rotate A", active: true, actor: TEST_ACTOR });
        const b = await createDirectory({ name: "Rotate B", active: true, actor: TEST_ACTOR });
        const old = await createApiClient({ directoryId: a.id, label: "Entra production", actor: TEST_ACTOR });
        const rotated = await rotateApiClient({ directoryId: a.id, apiClientId: old.apiClient.clientId, actor: TEST_ACTOR });
        expect(rotated).toMatchObject({ apiClient: { label: "Entra production", revokedAt: null }, replaces: { id: old.apiClient.id, clientId: old.apiClient.clientId } });
        expect(rotated.apiClient.id).not.toBe(old.apiClient.id);
        expect((await database.current.db.prisma.apiClient.findUniqueOrThrow({ where: { id: old.apiClient.id } })).revokedAt).toBeNull();
        const refused = await rotateApiClient({ directoryId: b.id, apiClientId: old.apiClient.id, actor: TEST_ACTOR }).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(AdminError);
        expect(refused).toMatchObject({ code: "not_found" });
        expect(await database.current.db.prisma.apiClient.count({ where: { directoryId: b.id } })).toBe(0);
      });
    });
  });
});
