// Tenant isolation against id tampering, on both databases: a token of directory A can neither read,
// find, change nor reference anything of directory B — through paths, group membership, /.search,
// or filters on id, members, userName, externalId or emails.
import { beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/database";
import { useScimHarness } from "../support/scim-harness";
import { SCHEMA_GROUP as GROUP, SCHEMA_PATCH_OP as PATCH, SCHEMA_SEARCH_REQUEST as SEARCH, SCHEMA_USER as CORE } from "@/lib/scim/schema";
import { TEST_ACTOR } from "../support/audit";


describe.each(DATABASE_KINDS)("tenant isolation on %s", (kind) => {
  const h = useScimHarness(kind);
  const b = { token: "", userId: "", groupId: "", directoryId: "" };
  const a = { userId: "", groupId: "" };
  const asB = (method: string, path: string, body?: unknown) => h.scim(method, path, body, { authorization: `Bearer ${b.token}` });

  beforeAll(async () => {
    const other = await h.newDirectory("Fabrikam");
    b.token = other.token;
    b.directoryId = other.directoryId;
    const bUser = await asB("POST", "/Users", { schemas: [CORE], userName: "b.user@fabrikam.example", externalId: "b-ext", emails: [{ value: "b.user@fabrikam.example", primary: true }] });
    b.userId = bUser.body.id;
    b.groupId = (await asB("POST", "/Groups", { schemas: [GROUP], displayName: "B group", externalId: "b-group-ext", members: [{ value: b.userId }] })).body.id;
    a.userId = (await h.scim("POST", "/Users", { schemas: [CORE], userName: "a.user@contoso.example" })).body.id;
    a.groupId = (await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "A group", members: [{ value: a.userId }] })).body.id;
  });

  it("B's user and group ids in paths → 404 for every method, and nothing of B changes", async () => {
    const results = [
      await h.scim("GET", `/Users/${b.userId}`),
      await h.scim("GET", `/Users/${b.userId}?attributes=groups`),
      await h.scim("PUT", `/Users/${b.userId}`, { schemas: [CORE], userName: "hijacked@x" }),
      await h.scim("PATCH", `/Users/${b.userId}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: false }] }),
      await h.scim("DELETE", `/Users/${b.userId}`),
      await h.scim("GET", `/Groups/${b.groupId}`),
      await h.scim("PUT", `/Groups/${b.groupId}`, { schemas: [GROUP], displayName: "hijacked", members: [{ value: a.userId }] }),
      await h.scim("PATCH", `/Groups/${b.groupId}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: a.userId }] }] }),
      await h.scim("PATCH", `/Groups/${b.groupId}`, { schemas: [PATCH], Operations: [{ op: "remove", path: "members" }] }),
      await h.scim("DELETE", `/Groups/${b.groupId}`),
    ];
    expect(results.map((r) => r.status)).toEqual(Array(results.length).fill(404));
    const bUser = await asB("GET", `/Users/${b.userId}`);
    expect(bUser.body).toMatchObject({ userName: "b.user@fabrikam.example", active: true });
    const bGroup = await asB("GET", `/Groups/${b.groupId}`);
    expect(bGroup.body.displayName).toBe("B group");
    expect(bGroup.body.members.map((m: { value: string }) => m.value)).toEqual([b.userId]);
  });

  it("B's user cannot become a member of A's group by any route (PATCH add/replace, POST, PUT)", async () => {
    const attempts = [
      await h.scim("PATCH", `/Groups/${a.groupId}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: b.userId }] }] }),
      await h.scim("PATCH", `/Groups/${a.groupId}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "members", value: [{ value: b.userId }] }] }),
      await h.scim("PATCH", `/Groups/${a.groupId}`, { schemas: [PATCH], Operations: [{ op: "add", value: { members: [{ value: b.userId }] } }] }),
      await h.scim("PATCH", `/Groups/${a.groupId}`, { schemas: [PATCH], Operations: [{ op: "replace", value: { displayName: "A group", members: [{ value: b.userId }] } }] }),
      await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "Smuggler", members: [{ value: a.userId }, { value: b.userId }] }),
      await h.scim("PUT", `/Groups/${a.groupId}`, { schemas: [GROUP], displayName: "A group", members: [{ value: b.userId }] }),
    ];
    expect(attempts.map((r) => r.status)).toEqual(Array(attempts.length).fill(400));
    for (const r of attempts) expect(r.body.scimType).toBe("invalidValue");
    const db = h.database.current.db;
    expect(await db.prisma.scimGroupMember.count({ where: { userId: b.userId } })).toBe(1);
    expect(await db.prisma.scimGroupMember.count({ where: { groupId: a.groupId } })).toBe(1);
    expect(await db.prisma.scimGroup.count({ where: { displayName: "Smuggler" } })).toBe(0);
    // Removing B's user from A's group is a no-op, and leaves B's membership alone.
    const remove = await h.scim("PATCH", `/Groups/${a.groupId}`, { schemas: [PATCH], Operations: [{ op: "remove", path: `members[value eq "${b.userId}"]` }] });
    expect(remove.status).toBe(204);
    expect(await db.prisma.scimGroupMember.count({ where: { userId: b.userId } })).toBe(1);
  });

  it("filters on id, members, userName, externalId and emails never match B's resources (GET and /.search)", async () => {
    const userFilters = [
      `id eq "${b.userId}"`,
      `id eq "${b.userId}" or id eq "${a.userId}"`,
      `userName eq "b.user@fabrikam.example"`,
      `externalId eq "b-ext"`,
      `emails.value eq "b.user@fabrikam.example"`,
      `emails[value co "fabrikam"]`,
      `userName sw "b."`,
      `id pr`,
      `groups.value eq "${b.groupId}"`,
    ];
    for (const filter of userFilters) {
      for (const r of [
        await h.scim("GET", `/Users?filter=${encodeURIComponent(filter)}`),
        await h.scim("POST", "/Users/.search", { schemas: [SEARCH], filter }),
      ]) {
        if (r.status === 400) continue; // a filter Roster does not support leaks nothing either
        expect(r.status, filter).toBe(200);
        const ids = r.body.Resources.map((x: { id: string }) => x.id);
        expect(ids, filter).not.toContain(b.userId);
        expect(JSON.stringify(r.body), filter).not.toContain("fabrikam");
      }
    }
    const groupFilters = [`id eq "${b.groupId}"`, `members[value eq "${b.userId}"]`, `members.value eq "${b.userId}"`, `displayName eq "B group"`, `externalId eq "b-group-ext"`, `displayName pr`];
    for (const filter of groupFilters) {
      for (const r of [
        await h.scim("GET", `/Groups?filter=${encodeURIComponent(filter)}`),
        await h.scim("POST", "/Groups/.search", { schemas: [SEARCH], filter, attributes: ["members", "displayName"] }),
      ]) {
        if (r.status === 400) continue;
        expect(r.status, filter).toBe(200);
        expect(r.body.Resources.map((x: { id: string }) => x.id), filter).not.toContain(b.groupId);
        expect(JSON.stringify(r.body), filter).not.toContain(b.userId);
      }
    }
    // Totals count only A's resources.
    const all = await h.scim("GET", "/Users?count=0");
    expect(all.body.totalResults).toBe(await h.database.current.db.prisma.scimUser.count({ where: { directoryId: h.directoryId, deletedAt: null } }));
  });

  it("a user's groups attribute lists only its own directory's groups", async () => {
    const got = await h.scim("GET", `/Users/${a.userId}?attributes=groups`);
    expect(got.body.groups.map((g: { value: string }) => g.value)).toEqual([a.groupId]);
    const bGot = await asB("GET", `/Users/${b.userId}?attributes=groups`);
    expect(bGot.body.groups.map((g: { value: string }) => g.value)).toEqual([b.groupId]);
  });

  it("a deactivated directory's token is refused at once, and the other directory keeps working", async () => {
    const { updateDirectory } = await import("@/lib/admin/directories/update-directory");
    await updateDirectory({ directoryId: b.directoryId, active: false, actor: TEST_ACTOR });
    try {
      expect((await asB("GET", "/Users")).status).toBe(401);
      expect((await h.scim("GET", "/Users")).status).toBe(200);
    } finally {
      await updateDirectory({ directoryId: b.directoryId, active: true, actor: TEST_ACTOR });
    }
  });
});
