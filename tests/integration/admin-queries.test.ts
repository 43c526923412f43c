// The console's read queries: keyset pagination, search, and tenant scoping by directory id.
import { beforeAll, describe, expect, it } from "vitest";
import { getDirectoryGroup } from "@/lib/admin/queries/get-directory-group";
import { listGroupMembers } from "@/lib/admin/queries/list-group-members";
import { getDirectoryUser } from "@/lib/admin/queries/get-directory-user";
import { getActivityEntry } from "@/lib/admin/queries/get-activity-entry";
import { listActivity, type ActivityFilter } from "@/lib/admin/queries/list-activity";
import { listDirectoryUsers } from "@/lib/admin/queries/list-directory-users";
import { listDirectorySummaries } from "@/lib/admin/queries/list-directory-summaries";
import { getDirectoryOverview } from "@/lib/admin/queries/get-directory-overview";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";

describe.each(DATABASE_KINDS)("admin read queries on %s", (kind) => {
  const database = useTestDatabase(kind);
  const ids = { a: "", b: "", users: [] as string[], groupA: "", activityA: "" };
  const base = new Date(Date.UTC(2026, 0, 1));

  beforeAll(async () => {
    const db = database.current.db;
    ids.a = (await db.prisma.directory.create({ data: { name: "A", active: true } })).id;
    ids.b = (await db.prisma.directory.create({ data: { name: "B", active: true } })).id;
    // Seven users in A; two share a createdAt so the id breaks the tie.
    for (let i = 0; i < 7; i++) {
      const userName = `user${i}@a.example`;
      const createdAt = new Date(base.getTime() + (i === 4 ? 3 : i) * 1000);
      const u = await db.prisma.scimUser.create({
        data: {
          directoryId: ids.a,
          userName,
          userNameKey: userName,
          displayName: `Person ${i}`,
          active: i % 2 === 0,
          resource: { userName },
          profileFields: {},
          createdAt,
          emails: { create: { directoryId: ids.a, position: 0, value: `mail${i}@corp.example`, valueKey: `mail${i}@corp.example`, primary: true } },
        },
      });
      ids.users.push(u.id);
    }
    await db.prisma.scimUser.create({ data: { directoryId: ids.a, userName: "gone@a.example", userNameKey: null, resource: {}, profileFields: {}, deletedAt: new Date() } });
    await db.prisma.scimUser.create({ data: { directoryId: ids.b, userName: "user1@b.example", userNameKey: "user1@b.example", resource: {}, profileFields: {} } });
    const group = await db.prisma.scimGroup.create({ data: { directoryId: ids.a, displayName: "Sales", displayNameKey: "sales", resource: {}, memberCount: 3 } });
    ids.groupA = group.id;
    for (let i = 0; i < 3; i++) {
      await db.prisma.scimGroupMember.create({ data: { directoryId: ids.a, groupId: group.id, userId: ids.users[i], createdAt: new Date(base.getTime() + i * 1000) } });
    }
    for (const status of [200, 201, 400, 409, 500]) {
      const row = await db.prisma.activityLog.create({
        data: { directoryId: ids.a, requestId: `r${status}`, kind: "scim", method: "POST", path: "/api/scim/v2/Users", status, operation: "user.create", resourceType: "User", durationMs: 5 },
      });
      if (status === 409) ids.activityA = row.id;
    }
    await db.prisma.activityLog.create({ data: { directoryId: ids.b, requestId: "b", kind: "token", method: "POST", path: "/api/oauth/token", status: 401, operation: "token.issue", durationMs: 1 } });
  });

  it("pages users newest first with keyset cursors, both ways, without deleted users", async () => {
    const p1 = await listDirectoryUsers({ directoryId: ids.a, pageSize: 3 });
    const p2 = await listDirectoryUsers({ directoryId: ids.a, pageSize: 3, after: p1.nextCursor! });
    const p3 = await listDirectoryUsers({ directoryId: ids.a, pageSize: 3, after: p2.nextCursor! });
    const all = [...p1.items, ...p2.items, ...p3.items].map((u) => u.id);
    expect(all).toHaveLength(7);
    expect(new Set(all).size).toBe(7);
    expect(p1.prevCursor).toBeNull();
    expect(p3.nextCursor).toBeNull();
    // Sorted by (createdAt desc, id desc).
    const rows = [...p1.items, ...p2.items, ...p3.items];
    for (let i = 1; i < rows.length; i++) {
      const [x, y] = [rows[i - 1], rows[i]];
      expect(x.createdAt > y.createdAt || (x.createdAt.getTime() === y.createdAt.getTime() && x.id > y.id)).toBe(true);
    }
    const back = await listDirectoryUsers({ directoryId: ids.a, pageSize: 3, before: p2.prevCursor! });
    expect(back.items.map((u) => u.id)).toEqual(p1.items.map((u) => u.id));
    expect(back.prevCursor).toBeNull();
    // A garbage cursor starts from the top instead of failing.
    expect((await listDirectoryUsers({ directoryId: ids.a, pageSize: 3, after: "garbage" })).items.map((u) => u.id)).toEqual(p1.items.map((u) => u.id));
  });

  it("searches by userName or email prefix (any case), name, and filters by status", async () => {
    expect((await listDirectoryUsers({ directoryId: ids.a, search: "USER3" })).items.map((u) => u.userName)).toEqual(["user3@a.example"]);
    expect((await listDirectoryUsers({ directoryId: ids.a, search: "mail5@" })).items.map((u) => u.userName)).toEqual(["user5@a.example"]);
    expect((await listDirectoryUsers({ directoryId: ids.a, search: "Person 6" })).items.map((u) => u.userName)).toEqual(["user6@a.example"]);
    expect((await listDirectoryUsers({ directoryId: ids.a, search: "user1@b" })).items).toHaveLength(0);
    expect((await listDirectoryUsers({ directoryId: ids.a, active: "inactive" })).items).toHaveLength(3);
    expect((await listDirectoryUsers({ directoryId: ids.a, active: "active" })).items).toHaveLength(4);
  });

  it("finds a user or an activity entry only through its own directory", async () => {
    expect(await getDirectoryUser({ directoryId: ids.a, userId: ids.users[0], scimBaseUrl: "http://x/api/scim/v2" })).toMatchObject({ userName: "user0@a.example", groups: [{ id: ids.groupA }] });
    expect(await getDirectoryUser({ directoryId: ids.b, userId: ids.users[0], scimBaseUrl: "http://x/api/scim/v2" })).toBeNull();
    expect(await getDirectoryGroup({ directoryId: ids.b, groupId: ids.groupA })).toBeNull();
    expect(await getActivityEntry({ directoryId: ids.a, activityId: ids.activityA })).toMatchObject({ status: 409 });
    expect(await getActivityEntry({ directoryId: ids.b, activityId: ids.activityA })).toBeNull();
  });

  it("pages group members", async () => {
    const p1 = await listGroupMembers({ directoryId: ids.a, groupId: ids.groupA, pageSize: 2 });
    const p2 = await listGroupMembers({ directoryId: ids.a, groupId: ids.groupA, pageSize: 2, after: p1.nextCursor! });
    expect([...p1.items, ...p2.items].map((m) => m.userId)).toEqual([ids.users[2], ids.users[1], ids.users[0]]);
    expect((await listGroupMembers({ directoryId: ids.b, groupId: ids.groupA })).items).toHaveLength(0);
  });

  it("filters activity by outcome and kind", async () => {
    const statuses = async (filter: ActivityFilter) => (await listActivity({ directoryId: ids.a, filter })).items.map((r) => r.status).sort();
    expect(await statuses({})).toEqual([200, 201, 400, 409, 500]);
    expect(await statuses({ outcome: "success" })).toEqual([200, 201]);
    expect(await statuses({ outcome: "client_error" })).toEqual([400, 409]);
    expect(await statuses({ outcome: "server_error" })).toEqual([500]);
    expect(await statuses({ outcome: "error" })).toEqual([400, 409, 500]);
    // Failures as sync health counts them: a 409 uniqueness is ordinary provisioning.
    expect(await statuses({ outcome: "failure" })).toEqual([400, 500]);
    expect(await statuses({ resourceType: "token" })).toEqual([]);
    expect((await listActivity({ directoryId: ids.b, filter: { resourceType: "token" } })).items.map((r) => r.status)).toEqual([401]);
    expect(await statuses({ range: "custom", from: "2000-01-01T00:00", to: "2000-01-02T00:00" })).toEqual([]);
  });

  it("summarises each directory for the list page", async () => {
    const summaries = await listDirectorySummaries();
    const a = summaries.find((s) => s.id === ids.a)!;
    const b = summaries.find((s) => s.id === ids.b)!;
    // Failures as sync health counts them: the 409 is not one, the 400, 500 and 401 are.
    expect(a).toMatchObject({ userCount: 7, groupCount: 1, failuresLast24h: 2 });
    expect(b).toMatchObject({ userCount: 1, groupCount: 0, failuresLast24h: 1 });
    // Directory.lastActivityAt is unset here: the newest activity row's time.
    const newest = async (directoryId: string) => (await database.current.db.prisma.activityLog.findFirstOrThrow({ where: { directoryId }, orderBy: { createdAt: "desc" } })).createdAt;
    expect(a.lastActivityAt).toEqual(await newest(ids.a));
    expect(b.lastActivityAt).toEqual(await newest(ids.b));
    const quiet = await database.current.db.prisma.directory.create({ data: { name: "Quiet", active: true } });
    expect((await listDirectorySummaries()).find((s) => s.id === quiet.id)).toMatchObject({ lastActivityAt: null, failuresLast24h: 0, userCount: 0 });
    await database.current.db.prisma.directory.delete({ where: { id: quiet.id } });
  });

  it("counts the overview's failures of the last 24 h as sync health does", async () => {
    expect(await getDirectoryOverview({ directoryId: ids.a })).toMatchObject({ requestsLast24h: 5, failuresLast24h: 2 });
    expect(await getDirectoryOverview({ directoryId: ids.b })).toMatchObject({ requestsLast24h: 1, failuresLast24h: 1 });
  });
});
