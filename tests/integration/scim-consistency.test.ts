// Issue 11, finding 9, on both databases: the same user representation from GET, PUT, PATCH and the
// console; a group PUT that changes nothing changes nothing; DELETE decides on the user's state as
// of its own transaction.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getDirectoryUser } from "@/lib/admin/queries/get-directory-user";
import { MAX_USER_GROUPS } from "@/lib/provisioning/list-user-groups";
import { SCHEMA_GROUP, SCHEMA_PATCH_OP, SCHEMA_USER } from "@/lib/scim/schema";
import { DATABASE_KINDS } from "../support/database";
import { useScimHarness, type ScimHarness } from "../support/scim-harness";

async function createUser(h: ScimHarness, userName: string) {
  const r = await h.scim("POST", "/Users", { schemas: [SCHEMA_USER], userName, emails: [{ value: userName, primary: true }] });
  expect(r.status).toBe(201);
  return r.body as { id: string };
}

async function createGroup(h: ScimHarness, displayName: string, memberIds: string[]) {
  const r = await h.scim("POST", "/Groups", { schemas: [SCHEMA_GROUP], displayName, externalId: `ext-${displayName}`, members: memberIds.map((value) => ({ value })) });
  expect(r.status).toBe(201);
  return r.body as { id: string };
}

describe.each(DATABASE_KINDS)("SCIM consistency on %s", (kind) => {
  const h = useScimHarness(kind);

  it("PUT and PATCH /Users answer with the user as GET shows it, groups included", async () => {
    const user = await createUser(h, `groups.${kind}@contoso.example`);
    await createGroup(h, `Readers ${kind}`, [user.id]);
    await createGroup(h, `Writers ${kind}`, [user.id]);
    const get = await h.scim("GET", `/Users/${user.id}`);
    expect(get.body.groups).toHaveLength(2);

    const put = await h.scim("PUT", `/Users/${user.id}`, { schemas: [SCHEMA_USER], userName: `groups.${kind}@contoso.example`, title: "Tester" });
    expect(put.status).toBe(200);
    expect(put.body.groups).toEqual(get.body.groups);
    const patch = await h.scim("PATCH", `/Users/${user.id}`, { schemas: [SCHEMA_PATCH_OP], Operations: [{ op: "Replace", path: "title", value: "Lead" }] });
    expect(patch.status).toBe(200);
    const after = await h.scim("GET", `/Users/${user.id}`);
    expect(patch.body).toEqual(after.body);
    // readOnly, returned by default (RFC 7643 §4.1.2) and excluded on request like any attribute.
    const excluded = await h.scim("PATCH", `/Users/${user.id}?excludedAttributes=groups`, { schemas: [SCHEMA_PATCH_OP], Operations: [{ op: "Replace", path: "title", value: "Lead 2" }] });
    expect(excluded.body.groups).toBeUndefined();
  });

  it("the console's SCIM view of a user lists the same groups, as many, as GET /Users/{id}", async () => {
    const user = await createUser(h, `many.groups.${kind}@contoso.example`);
    const db = h.database.current.db.prisma;
    // More groups than either old cap (200 in the console): written directly, HTTP would only be slower.
    const count = MAX_USER_GROUPS + 1;
    const t0 = Date.now();
    const groups = Array.from({ length: count }, (_, i) => ({
      id: `g-${kind}-${String(i).padStart(4, "0")}`,
      directoryId: h.directoryId,
      displayName: `Bulk ${i}`,
      displayNameKey: `bulk ${i}`,
      resource: {},
      memberCount: 1,
      createdAt: new Date(t0 + i),
      updatedAt: new Date(t0 + i),
    }));
    await db.scimGroup.createMany({ data: groups });
    await db.scimGroupMember.createMany({ data: groups.map((g, i) => ({ directoryId: h.directoryId, groupId: g.id, userId: user.id, createdAt: new Date(t0 + i) })) });

    const get = await h.scim("GET", `/Users/${user.id}`);
    expect(get.body.groups).toHaveLength(MAX_USER_GROUPS);
    const detail = await getDirectoryUser({ directoryId: h.directoryId, userId: user.id, scimBaseUrl: `${h.url}/api/scim/v2` });
    expect(detail?.groupCount).toBe(count);
    expect(detail?.scim.groups).toEqual(get.body.groups);
  });

  it("a group PUT that changes nothing keeps the version and ETag and writes no event", async () => {
    const a = await createUser(h, `noop.a.${kind}@contoso.example`);
    const b = await createUser(h, `noop.b.${kind}@contoso.example`);
    const c = await createUser(h, `noop.c.${kind}@contoso.example`);
    const group = await createGroup(h, `No-op ${kind}`, [a.id, b.id]);
    const before = await h.scim("GET", `/Groups/${group.id}`);
    const db = h.database.current.db.prisma;
    const events = () => db.provisioningEvent.count({ where: { directoryId: h.directoryId, resourceId: group.id } });
    const eventsBefore = await events();

    // What Entra sends for an unchanged group: the same attributes and members, in another order.
    const same = { schemas: [SCHEMA_GROUP], displayName: `No-op ${kind}`, externalId: `ext-No-op ${kind}`, members: [{ value: b.id }, { value: a.id }] };
    const put = await h.scim("PUT", `/Groups/${group.id}`, same);
    expect(put.status).toBe(200);
    expect(put.headers.get("etag")).toBe(before.headers.get("etag"));
    expect(put.body.meta.version).toBe(before.body.meta.version);
    expect(await events()).toBe(eventsBefore);

    // A swap keeps the member count but is a change: new version, member events, no group.updated.
    const swapped = await h.scim("PUT", `/Groups/${group.id}`, { ...same, members: [{ value: a.id }, { value: c.id }] });
    expect(swapped.headers.get("etag")).not.toBe(before.headers.get("etag"));
    const written = await db.provisioningEvent.findMany({ where: { directoryId: h.directoryId, resourceId: group.id }, orderBy: { id: "asc" }, skip: eventsBefore });
    expect(written.map((e) => e.type).sort()).toEqual(["group.member_added", "group.member_removed"]);

    const renamed = await h.scim("PUT", `/Groups/${group.id}`, { ...same, displayName: `Renamed ${kind}`, members: [{ value: a.id }, { value: c.id }] });
    expect(renamed.headers.get("etag")).not.toBe(swapped.headers.get("etag"));
    const last = await db.provisioningEvent.findFirst({ where: { directoryId: h.directoryId, resourceId: group.id }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ type: "group.updated", payload: { changed: ["displayName"] } });
  });

  it("DELETE /Users with a stale If-Match is refused (412) and the user stays", async () => {
    const user = await createUser(h, `stale.${kind}@contoso.example`);
    const etag = (await h.scim("GET", `/Users/${user.id}`)).headers.get("etag")!;
    await h.scim("PATCH", `/Users/${user.id}`, { schemas: [SCHEMA_PATCH_OP], Operations: [{ op: "Replace", path: "title", value: "Changed" }] });
    const r = await h.scim("DELETE", `/Users/${user.id}`, undefined, { "if-match": etag });
    expect(r.status).toBe(412);
    expect((await h.scim("GET", `/Users/${user.id}`)).status).toBe(200);
  });

  // The window between reading the user and locking it exists where writers run beside each other:
  // PostgreSQL's connections. (SQLite runs one write transaction at a time on one connection.)
  it.runIf(kind === "postgresql")("DELETE /Users reads If-Match and the deprovision policy under its row lock, not before", async () => {
    const user = await createUser(h, `race.${kind}@contoso.example`);
    const etag = (await h.scim("GET", `/Users/${user.id}`)).headers.get("etag")!;
    const other = new pg.Client({ connectionString: h.database.current.config.url });
    await other.connect();
    try {
      // Another writer changes the user and the directory's policy, and has not committed yet.
      await other.query("BEGIN");
      await other.query(`UPDATE "ScimUser" SET "version" = "version" + 1 WHERE "id" = $1`, [user.id]);
      await other.query(`UPDATE "Directory" SET "deprovisionPolicy" = 'retain' WHERE "id" = $1`, [h.directoryId]);
      const deleting = h.scim("DELETE", `/Users/${user.id}`, undefined, { "if-match": etag });
      // Commit once the DELETE waits for the user's row lock (seen in pg_stat_activity, no sleep).
      for (;;) {
        const { rows } = await other.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (rows[0].n > 0) break;
        await new Promise((r) => setImmediate(r));
      }
      await other.query("COMMIT");
      const r = await deleting;
      // The version it holds the lock on is the committed one: the If-Match is stale.
      expect(r.status).toBe(412);
      expect((await h.scim("GET", `/Users/${user.id}`)).status).toBe(200);
    } finally {
      await other.end();
      await h.database.current.db.prisma.directory.update({ where: { id: h.directoryId }, data: { deprovisionPolicy: "erase" } });
    }
  });
});
