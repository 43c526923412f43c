// The Directory API's reads (lib/directory-api) on both databases, without HTTP: keyset pages that
// stay complete under concurrent inserts, the three orders, scoping by directory, and cursors that
// belong to one listing only.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { directoryUserSchema } from "@/lib/directory-data";
import { getDirectory } from "@/lib/directory-api/get-directory";
import { getUser } from "@/lib/directory-api/get-user";
import { listGroups } from "@/lib/directory-api/list-groups";
import { listUsers } from "@/lib/directory-api/list-users";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";

describe.each(DATABASE_KINDS)("Directory API reads on %s", (kind) => {
  const database = useTestDatabase(kind);
  const prisma = () => database.current.db.prisma;
  let directoryA = "";
  let directoryB = "";
  let n = 0;

  async function addUsers(directoryId: string, count: number, at?: (i: number) => Date) {
    const rows = Array.from({ length: count }, (_, i) => {
      const userName = `user${n++}@example.com`;
      const createdAt = at?.(i) ?? new Date();
      return { id: randomUUID(), directoryId, userName, userNameKey: userName, resource: { userName }, profileFields: {}, createdAt, updatedAt: createdAt, active: i % 3 !== 0 };
    });
    await prisma().scimUser.createMany({ data: rows });
    return rows.map((r) => r.id);
  }

  beforeAll(async () => {
    directoryA = (await prisma().directory.create({ data: { name: "A", active: true } })).id;
    directoryB = (await prisma().directory.create({ data: { name: "B", active: true } })).id;
  });

  it("pages a directory's users by creation with concurrent inserts: no duplicates, none present throughout skipped", async () => {
    // Several users share each createdAt, so the id breaks ties inside the cursor.
    const base = Date.now() - 3_600_000;
    const initial = await addUsers(directoryA, 400, (i) => new Date(base + Math.floor(i / 4) * 1000));
    await addUsers(directoryB, 50);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const [page] = await Promise.all([listUsers({ directoryId: directoryA, cursor, limit: 33 }), addUsers(directoryA, 5)]);
      for (const u of page.data) directoryUserSchema.parse(u);
      expect(page.data.every((u) => u.directoryId === directoryA)).toBe(true);
      seen.push(...page.data.map((u) => u.id));
      if (!page.next) break;
      cursor = page.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(initial));
    // Ties on createdAt are broken by id, so the initial users come first, as a block.
    expect([...seen.slice(0, initial.length)].sort()).toEqual([...initial].sort());
  });

  it("filters by active and updatedSince, each page in its own index order", async () => {
    const active = await listUsers({ directoryId: directoryA, active: false, limit: 1000 });
    expect(active.data.length).toBeGreaterThan(0);
    expect(active.data.every((u) => !u.active)).toBe(true);
    const since = new Date(Date.now() - 1000);
    const recent = await listUsers({ directoryId: directoryA, updatedSince: since, limit: 10 });
    expect(recent.data.every((u) => Date.parse(u.updatedAt) >= since.getTime())).toBe(true);
    const stamps = recent.data.map((u) => u.updatedAt);
    expect([...stamps].sort()).toEqual(stamps);
    // A cursor of one order is refused by another.
    const byCreation = await listUsers({ directoryId: directoryA, limit: 1 });
    await expect(listUsers({ directoryId: directoryA, updatedSince: since, cursor: byCreation.next!, limit: 1 })).rejects.toMatchObject({ code: "invalid_cursor" });
    await expect(listGroups({ directoryId: directoryA, cursor: byCreation.next!, limit: 1 })).rejects.toMatchObject({ code: "invalid_cursor" });
    await expect(listUsers({ directoryId: directoryA, cursor: "garbage", limit: 1 })).rejects.toMatchObject({ code: "invalid_cursor" });
  });

  it("pages a group's members by user id, scoped to the group's directory", async () => {
    const members = (await prisma().scimUser.findMany({ where: { directoryId: directoryA }, select: { id: true }, take: 25 })).map((u) => u.id);
    const group = await prisma().scimGroup.create({ data: { directoryId: directoryA, displayName: "G", displayNameKey: "g", resource: {}, memberCount: members.length } });
    await prisma().scimGroupMember.createMany({ data: members.map((userId) => ({ directoryId: directoryA, groupId: group.id, userId })) });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listUsers({ directoryId: directoryA, groupId: group.id, cursor, limit: 7 });
      for (const u of page.data) expect(u.groups).toEqual([{ id: group.id, displayName: "G" }]);
      seen.push(...page.data.map((u) => u.id));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...members].sort());
    await expect(listUsers({ directoryId: directoryB, groupId: group.id, limit: 7 })).rejects.toMatchObject({ code: "not_found" });
  });

  it("reads one user, one directory with counts, and scopes every read by directory", async () => {
    const [userId] = (await prisma().scimUser.findMany({ where: { directoryId: directoryA }, select: { id: true }, take: 1 })).map((u) => u.id);
    expect((await getUser({ directoryId: directoryA, userId })).id).toBe(userId);
    await expect(getUser({ directoryId: directoryB, userId })).rejects.toMatchObject({ code: "not_found" });
    const a = await getDirectory({ directoryId: directoryA });
    expect(a.counts.users).toBe(await prisma().scimUser.count({ where: { directoryId: directoryA } }));
    await expect(getDirectory({ directoryId: "no-such-directory" })).rejects.toMatchObject({ code: "not_found" });
  });
});
