// Directories and API clients (lib/admin/directories, lib/admin/api-clients), on SQLite and PostgreSQL: validation, defaults, tenant
// scoping, secrets stored only as hashes, and what deleting or revoking takes with it.
import { describe, expect, it } from "vitest";
import { runCli } from "@/cli/run-cli";
import { createApiClient } from "@/lib/admin/api-clients/create-api-client";
import { createDirectory } from "@/lib/admin/directories/create-directory";
import { deleteDirectory } from "@/lib/admin/directories/delete-directory";
import { AdminError } from "@/lib/admin/errors";
import { getDirectory } from "@/lib/admin/directories/get-directory";
import { listApiClients } from "@/lib/admin/api-clients/list-api-clients";
import { listDirectories } from "@/lib/admin/directories/list-directories";
import { listDirectorySummaries } from "@/lib/admin/queries/list-directory-summaries";
import { revokeApiClient } from "@/lib/admin/api-clients/revoke-api-client";
import { updateDirectory } from "@/lib/admin/directories/update-directory";
import { recordActivity } from "@/lib/activity/record-activity";
import { sha256Hex } from "@/lib/oauth/credentials";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { TEST_ACTOR } from "../support/audit";

async function directoryError(p: Promise<unknown>): Promise<AdminError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AdminError);
    return e as AdminError;
  }
  throw new Error("expected a AdminError");
}

describe.each(DATABASE_KINDS)("directories and API clients on %s", (kind) => {
  const database = useTestDatabase(kind);
  const db = () => database.current.db;

  describe("createDirectory", () => {
    it("creates an inactive SCIM directory by default, with the name trimmed", async () => {
      const d = await createDirectory({ name: "  Contoso  ", actor: TEST_ACTOR });
      expect(d).toMatchObject({ name: "Contoso", active: false, type: "scim", deprovisionPolicy: "erase", lastActivityAt: null });
      expect(d.id).toEqual(expect.any(String));
      expect(d.createdAt).toBeInstanceOf(Date);
      expect(await getDirectory({ directoryId: d.id })).toEqual(d);
    });

    it("creates an active directory on request, and accepts a 200-character name", async () => {
      const d = await createDirectory({ name: "n".repeat(200), active: true, type: "scim", actor: TEST_ACTOR });
      expect(d).toMatchObject({ active: true, name: "n".repeat(200) });
    });

    it.each([
      ["an empty name", { name: "" }, /name/i],
      ["a blank name", { name: "   \t " }, /name/i],
      ["a 201-character name", { name: "n".repeat(201) }, /200/],
      ["a name that is not text", { name: 42 }, /name/i],
      ["no name", {}, /name/i],
      ["another type", { name: "LDAP", type: "ldap" }, /scim/],
      ["active that is not a boolean", { name: "X", active: "yes" }, /active/],
    ])("refuses %s with a readable AdminError", async (_label, options, message) => {
      const before = await db().prisma.directory.count();
      const e = await directoryError(createDirectory(options as never));
      expect(e.code).toBe("invalid");
      expect(e.message).toMatch(message);
      expect(e.message).not.toMatch(/zod|ZodError|\{/);
      expect(await db().prisma.directory.count()).toBe(before);
    });
  });

  describe("updateDirectory, getDirectory, listDirectories", () => {
    it("renames, (de)activates and sets the deprovision policy, one field at a time", async () => {
      const d = await createDirectory({ name: "Before", actor: TEST_ACTOR });
      expect(await updateDirectory({ directoryId: d.id, name: " After ", actor: TEST_ACTOR })).toMatchObject({ name: "After", active: false, deprovisionPolicy: "erase" });
      expect(await updateDirectory({ directoryId: d.id, active: true, actor: TEST_ACTOR })).toMatchObject({ name: "After", active: true });
      expect(await updateDirectory({ directoryId: d.id, deprovisionPolicy: "retain", actor: TEST_ACTOR })).toMatchObject({ active: true, deprovisionPolicy: "retain" });
      expect(await updateDirectory({ directoryId: d.id, active: false, deprovisionPolicy: "erase", actor: TEST_ACTOR })).toMatchObject({ active: false, deprovisionPolicy: "erase" });
      expect(await updateDirectory({ directoryId: d.id, actor: TEST_ACTOR })).toMatchObject({ name: "After" });
    });

    it("refuses invalid values and unknown directories", async () => {
      const d = await createDirectory({ name: "Valid", actor: TEST_ACTOR });
      expect((await directoryError(updateDirectory({ directoryId: d.id, name: "", actor: TEST_ACTOR }))).code).toBe("invalid");
      expect((await directoryError(updateDirectory({ directoryId: d.id, deprovisionPolicy: "shred" as never, actor: TEST_ACTOR }))).message).toMatch(/erase.*retain/);
      const missing = await directoryError(updateDirectory({ directoryId: "no-such-directory", active: true, actor: TEST_ACTOR }));
      expect(missing).toMatchObject({ code: "not_found", message: "Directory not found" });
      expect((await getDirectory({ directoryId: d.id }))?.name).toBe("Valid");
    });

    it("gets null for an unknown id, whatever its shape", async () => {
      for (const id of ["no-such-directory", "00000000-0000-0000-0000-000000000000", "", "' OR 1=1 --"]) {
        expect(await getDirectory({ directoryId: id })).toBeNull();
      }
    });

    it("lists every directory, newest first: the CLI and the console in one order", async () => {
      const a = await createDirectory({ name: "List A", actor: TEST_ACTOR });
      // A later millisecond: two directories made within one have no order between them.
      await new Promise((r) => setTimeout(r, 5));
      const b = await createDirectory({ name: "List B", actor: TEST_ACTOR });
      const ids = (await listDirectories()).map((d) => d.id);
      expect(ids.indexOf(a.id)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
      const all = await listDirectories();
      const times = all.map((d) => d.createdAt.getTime());
      expect([...times].sort((x, y) => y - x)).toEqual(times);
      expect((await listDirectorySummaries()).map((d) => d.id)).toEqual(ids);
      const out: string[] = [];
      expect(await runCli(["directory", "list", "--json"], { out: (l) => out.push(l), err: () => undefined })).toBe(0);
      expect(JSON.parse(out.join("")).map((d: { id: string }) => d.id)).toEqual(ids);
    });
  });

  describe("API clients", () => {
    it("creates a client whose secret is returned once and stored only as SHA-256", async () => {
      const d = await createDirectory({ name: "Clients", actor: TEST_ACTOR });
      const { apiClient, clientSecret } = await createApiClient({ directoryId: d.id, label: "  Entra production  ", actor: TEST_ACTOR });
      expect(Object.keys(apiClient).sort()).toEqual(["clientId", "createdAt", "id", "label", "lastUsedAt", "revokedAt"]);
      expect(apiClient.clientId).toMatch(/^roster_[0-9A-Za-z]{22}$/);
      expect(apiClient.label).toBe("Entra production");
      expect(clientSecret).toMatch(/^rs_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(clientSecret.slice(3), "base64url")).toHaveLength(32);
      const row = await db().prisma.apiClient.findUniqueOrThrow({ where: { id: apiClient.id } });
      expect(row).toMatchObject({ directoryId: d.id, secretHash: sha256Hex(clientSecret), revokedAt: null, lastUsedAt: null });
      // The secret itself is nowhere in the database.
      const everything = JSON.stringify(await db().prisma.$queryRawUnsafe('SELECT * FROM "ApiClient"'));
      expect(everything).not.toContain(clientSecret);
      expect(everything).not.toContain(clientSecret.slice(3));
    });

    it("creates unique ids and secrets, and a client for an inactive directory too", async () => {
      const d = await createDirectory({ name: "Many", actor: TEST_ACTOR });
      const made = await Promise.all(Array.from({ length: 10 }, () => createApiClient({ directoryId: d.id, actor: TEST_ACTOR })));
      expect(new Set(made.map((m) => m.apiClient.clientId)).size).toBe(10);
      expect(new Set(made.map((m) => m.clientSecret)).size).toBe(10);
      expect(made[0].apiClient.label).toBe("");
    });

    it("refuses an unknown directory and an over-long label", async () => {
      expect(await directoryError(createApiClient({ directoryId: "no-such-directory", actor: TEST_ACTOR }))).toMatchObject({ code: "not_found", message: "Directory not found" });
      const d = await createDirectory({ name: "Label", actor: TEST_ACTOR });
      expect((await directoryError(createApiClient({ directoryId: d.id, label: "l".repeat(201), actor: TEST_ACTOR }))).code).toBe("invalid");
      expect(await db().prisma.apiClient.count({ where: { directoryId: d.id } })).toBe(0);
    });

    it("lists a directory's clients only, newest first, never with a hash", async () => {
      const a = await createDirectory({ name: "Scope A", actor: TEST_ACTOR });
      const b = await createDirectory({ name: "Scope B", actor: TEST_ACTOR });
      const first = await createApiClient({ directoryId: a.id, label: "first", actor: TEST_ACTOR });
      await new Promise((r) => setTimeout(r, 5));
      const second = await createApiClient({ directoryId: a.id, label: "second", actor: TEST_ACTOR });
      await createApiClient({ directoryId: b.id, label: "other directory", actor: TEST_ACTOR });
      const listed = await listApiClients({ directoryId: a.id });
      expect(listed.map((c) => c.clientId)).toEqual([second.apiClient.clientId, first.apiClient.clientId]);
      for (const c of listed) {
        expect(Object.keys(c).sort()).toEqual(["clientId", "createdAt", "id", "label", "lastUsedAt", "revokedAt"]);
      }
      expect(JSON.stringify(listed)).not.toMatch(/[0-9a-f]{64}/);
      expect(await listApiClients({ directoryId: "no-such-directory" })).toEqual([]);
    });

    it("revokes by row id or by client id, deletes the client's tokens, and is harmless twice", async () => {
      const d = await createDirectory({ name: "Revoke", active: true, actor: TEST_ACTOR });
      const keep = await createApiClient({ directoryId: d.id, actor: TEST_ACTOR });
      const { apiClient } = await createApiClient({ directoryId: d.id, actor: TEST_ACTOR });
      for (const c of [apiClient, keep.apiClient]) {
        await db().prisma.accessToken.create({ data: { tokenHash: sha256Hex(`${c.id}-token`), clientId: c.id, directoryId: d.id, expiresAt: new Date(Date.now() + 3600_000) } });
      }
      const revoked = await revokeApiClient({ directoryId: d.id, apiClientId: apiClient.id, actor: TEST_ACTOR });
      expect(revoked).toMatchObject({ id: apiClient.id, clientId: apiClient.clientId, revokedAt: expect.any(Date) });
      expect(await db().prisma.accessToken.count({ where: { clientId: apiClient.id } })).toBe(0);
      expect(await db().prisma.accessToken.count({ where: { clientId: keep.apiClient.id } })).toBe(1);
      const again = await revokeApiClient({ directoryId: d.id, apiClientId: apiClient.clientId, actor: TEST_ACTOR });
      expect(again.revokedAt).toEqual(revoked.revokedAt);
      const byClientId = await revokeApiClient({ directoryId: d.id, apiClientId: keep.apiClient.clientId, actor: TEST_ACTOR });
      expect(byClientId.revokedAt).toBeInstanceOf(Date);
    });

    it("does not revoke a client through another directory", async () => {
      const a = await createDirectory({ name: "Owner", actor: TEST_ACTOR });
      const b = await createDirectory({ name: "Intruder", actor: TEST_ACTOR });
      const { apiClient } = await createApiClient({ directoryId: a.id, actor: TEST_ACTOR });
      for (const ref of [apiClient.id, apiClient.clientId]) {
        const e = await directoryError(revokeApiClient({ directoryId: b.id, apiClientId: ref, actor: TEST_ACTOR }));
        expect(e).toMatchObject({ code: "not_found", message: "API client not found in this directory" });
      }
      expect((await db().prisma.apiClient.findUniqueOrThrow({ where: { id: apiClient.id } })).revokedAt).toBeNull();
      expect((await directoryError(revokeApiClient({ directoryId: a.id, apiClientId: "", actor: TEST_ACTOR }))).code).toBe("invalid");
    });
  });

  describe("deleteDirectory", () => {
    it("deletes the directory with its clients, tokens, users, groups, fields, events and log, and nothing else", async () => {
      const doomed = await createDirectory({ name: "Doomed", active: true, actor: TEST_ACTOR });
      const survivor = await createDirectory({ name: "Survivor", active: true, actor: TEST_ACTOR });
      for (const d of [doomed, survivor]) {
        const { apiClient } = await createApiClient({ directoryId: d.id, actor: TEST_ACTOR });
        await db().prisma.accessToken.create({ data: { tokenHash: sha256Hex(`${d.id}-t`), clientId: apiClient.id, directoryId: d.id, expiresAt: new Date(Date.now() + 60_000) } });
        const user = await db().prisma.scimUser.create({ data: { directoryId: d.id, userName: "ada", userNameKey: "ada", resource: {}, profileFields: {} } });
        const group = await db().prisma.scimGroup.create({ data: { directoryId: d.id, displayName: "Admins", displayNameKey: "admins", resource: {} } });
        await db().prisma.scimGroupMember.create({ data: { directoryId: d.id, groupId: group.id, userId: user.id } });
        await db().prisma.directoryProfileField.create({ data: { directoryId: d.id, name: "costCenter" } });
        await db().prisma.provisioningEvent.create({ data: { directoryId: d.id, type: "user.created", resourceType: "User", resourceId: user.id, payload: {} } });
        await db().prisma.activityLog.create({ data: { directoryId: d.id, requestId: "r", kind: "scim", method: "POST", path: "/", status: 201, operation: "user.create", durationMs: 1 } });
        // A refused request: its activity row, and the directory's health, cycle and error reason.
        await recordActivity({ directoryId: d.id, requestId: "r2", kind: "scim", method: "POST", path: "/", status: 400, errorDetail: "bad", operation: "user.create", durationMs: 1 });
      }
      await deleteDirectory({ directoryId: doomed.id, actor: TEST_ACTOR });
      expect(await getDirectory({ directoryId: doomed.id })).toBeNull();
      const where = { where: { directoryId: doomed.id } };
      const counts = await Promise.all([
        db().prisma.apiClient.count(where),
        db().prisma.accessToken.count(where),
        db().prisma.scimUser.count(where),
        db().prisma.scimGroup.count(where),
        db().prisma.scimGroupMember.count(where),
        db().prisma.directoryProfileField.count(where),
        db().prisma.provisioningEvent.count(where),
        db().prisma.activityLog.count(where),
        db().prisma.syncHealth.count(where),
        db().prisma.syncCycle.count(where),
        db().prisma.syncError.count(where),
      ]);
      expect(counts).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
      // What is left of it: the directory.deleted event that tells consuming applications.
      expect((await db().prisma.provisioningEvent.findMany(where)).map((e) => e.type)).toEqual(["directory.deleted"]);
      const kept = { where: { directoryId: survivor.id } };
      const survivorCounts = await Promise.all([db().prisma.apiClient.count(kept), db().prisma.accessToken.count(kept), db().prisma.scimUser.count(kept), db().prisma.scimGroupMember.count(kept), db().prisma.activityLog.count(kept), db().prisma.syncHealth.count(kept), db().prisma.syncCycle.count(kept), db().prisma.syncError.count(kept)]);
      expect(survivorCounts).toEqual([1, 1, 1, 1, 2, 1, 1, 1]);
    });

    it("answers not_found for an unknown directory", async () => {
      expect(await directoryError(deleteDirectory({ directoryId: "no-such-directory", actor: TEST_ACTOR }))).toMatchObject({ code: "not_found" });
    });
  });
});
