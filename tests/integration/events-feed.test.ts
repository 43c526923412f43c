// The events feed: what each provisioning operation records (one event per membership), cursors
// (next always present, invalid → InvalidCursorError, pruned → CursorExpiredError), filters and
// directory isolation, on both databases.
import { describe, expect, it } from "vitest";
import { createDirectory } from "@/lib/admin/directories/create-directory";
import { deleteDirectory } from "@/lib/admin/directories/delete-directory";
import { listDirectoryEvents } from "@/lib/admin/queries/list-directory-events";
import { updateDirectory } from "@/lib/admin/directories/update-directory";
import { feedEventSchema, type FeedEvent } from "@/lib/directory-data/feed-event";
import { CursorExpiredError, InvalidCursorError } from "@/lib/events/errors";
import { encodeFeedCursor } from "@/lib/events/feed-cursor";
import { pruneEvents } from "@/lib/events/prune-events";
import { readEventFeed } from "@/lib/events/read-event-feed";
import { createGroup } from "@/lib/provisioning/create-group";
import { createUser } from "@/lib/provisioning/create-user";
import { deleteGroup } from "@/lib/provisioning/delete-group";
import { deleteUser } from "@/lib/provisioning/delete-user";
import { patchGroup } from "@/lib/provisioning/patch-group";
import { patchUser } from "@/lib/provisioning/patch-user";
import { replaceGroup } from "@/lib/provisioning/replace-group";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { GROUP_SCHEMA, PATCH_SCHEMA, provisioningContext, USER_SCHEMA, walkFeed } from "../support/events";
import { TEST_ACTOR } from "../support/audit";

describe.each(DATABASE_KINDS)("events feed on %s", (kind) => {
  const database = useTestDatabase(kind);
  const db = () => database.current.db;

  async function newDirectory(name: string) {
    const d = await db().prisma.directory.create({ data: { name, active: true } });
    return provisioningContext(db(), d.id, `req-${name}`);
  }

  async function eventsOf(directoryId: string): Promise<FeedEvent[]> {
    return (await walkFeed(db(), { directoryIds: [directoryId] })).events;
  }

  it("records each change with the data a consumer needs, one event per (group, user) pair", async () => {
    const ctx = await newDirectory("catalogue");
    const ada = await createUser({ ctx, body: { schemas: [USER_SCHEMA], userName: "ada@example.com", displayName: "Ada", emails: [{ value: "ada@example.com", primary: true }] } });
    const bob = await createUser({ ctx, body: { schemas: [USER_SCHEMA], userName: "bob@example.com", profileField_floor: "3" } });
    const group = await createGroup({ ctx, body: { schemas: [GROUP_SCHEMA], displayName: "Engineers", members: [{ value: ada.id }] } });
    await patchUser({ ctx, userId: ada.id, body: { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "displayName", value: "Ada L." }] } });
    await patchUser({ ctx, userId: bob.id, body: { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "active", value: false }] } });
    await patchGroup({ ctx, groupId: group.id, body: { schemas: [PATCH_SCHEMA], Operations: [{ op: "add", path: "members", value: [{ value: bob.id }] }] } });
    await patchGroup({ ctx, groupId: group.id, body: { schemas: [PATCH_SCHEMA], Operations: [{ op: "remove", path: "members" }] } });
    await replaceGroup({ ctx, groupId: group.id, body: { schemas: [GROUP_SCHEMA], displayName: "Engineering", members: [{ value: bob.id }] } });
    await deleteUser({ ctx, userId: bob.id });
    await deleteGroup({ ctx, groupId: group.id });

    const events = await eventsOf(ctx.directoryId);
    for (const e of events) expect(feedEventSchema.parse(e)).toEqual(e);
    expect(events.map((e) => e.type)).toEqual([
      "user.created",
      "user.created",
      "group.created",
      "group.member_added",
      "user.updated",
      "user.updated",
      "user.deactivated",
      "group.member_added",
      "group.member_removed",
      "group.member_removed",
      "group.updated",
      "group.member_added",
      "user.deleted",
      "group.deleted",
    ]);
    const byType = (type: string) => events.filter((e) => e.type === type) as Extract<FeedEvent, { type: typeof type }>[];
    const created = events[0] as Extract<FeedEvent, { type: "user.created" }>;
    expect(created.data.user).toMatchObject({ id: ada.id, userName: "ada@example.com", displayName: "Ada", primaryEmail: "ada@example.com", groups: [] });
    expect(created.directoryId).toBe(ctx.directoryId);
    const updated = events[4] as Extract<FeedEvent, { type: "user.updated" }>;
    expect(updated.data).toMatchObject({ changed: ["displayName"], previous: { displayName: "Ada" }, user: { displayName: "Ada L.", groups: [{ id: group.id, displayName: "Engineers" }] } });
    expect((events[6] as Extract<FeedEvent, { type: "user.deactivated" }>).data.user).toMatchObject({ id: bob.id, active: false, profileFields: { floor: "3" } });
    // A PATCH removing every member: one event per removed user, each naming the group and the user.
    const removed = byType("group.member_removed") as Extract<FeedEvent, { type: "group.member_removed" }>[];
    expect(removed.map((e) => e.data.user.id).sort()).toEqual([ada.id, bob.id].sort());
    for (const e of removed) expect(e.data.group).toMatchObject({ id: group.id, memberCount: 0 });
    expect(removed[0].data.group).not.toHaveProperty("members");
    const renamed = events[10] as Extract<FeedEvent, { type: "group.updated" }>;
    expect(renamed.data).toMatchObject({ changed: ["displayName"], previous: { displayName: "Engineers" }, group: { displayName: "Engineering", memberCount: 1 } });
    expect((events[12] as Extract<FeedEvent, { type: "user.deleted" }>).data.user).toMatchObject({ id: bob.id, groups: [{ id: group.id, displayName: "Engineering" }] });
    // Events name the request that caused them; the console's Events tab links them to its activity-log row.
    expect(await db().prisma.provisioningEvent.count({ where: { directoryId: ctx.directoryId, requestId: ctx.requestId } })).toBe(events.length);
    const request = await db().prisma.activityLog.create({
      data: { directoryId: ctx.directoryId, requestId: ctx.requestId!, kind: "scim", method: "PATCH", path: "/", status: 200, operation: "group.patch", durationMs: 1 },
    });
    // The tab lists the feed newest first, a page at a time in both directions.
    const tab = await listDirectoryEvents({ directoryId: ctx.directoryId, pageSize: 5 });
    expect(tab.items.map((e) => e.id)).toEqual(events.slice(-5).reverse().map((e) => e.id));
    expect(tab.items.every((e) => e.activityId === request.id)).toBe(true);
    const older = await listDirectoryEvents({ directoryId: ctx.directoryId, pageSize: 5, after: tab.nextCursor! });
    expect(older.items.map((e) => e.id)).toEqual(events.slice(-10, -5).reverse().map((e) => e.id));
    const newer = await listDirectoryEvents({ directoryId: ctx.directoryId, pageSize: 5, before: older.prevCursor! });
    expect(newer.items.map((e) => e.id)).toEqual(tab.items.map((e) => e.id));
    expect(newer.prevCursor).toBeNull();
    const filtered = await listDirectoryEvents({ directoryId: ctx.directoryId, filter: { type: "group.member_removed", resource: group.id } });
    expect(filtered.items.map((e) => e.id)).toEqual(removed.map((e) => e.id).reverse());
  });

  it("records directory.created, directory.deactivated, directory.activated and directory.deleted, the last one outliving its directory", async () => {
    const created = await createDirectory({ name: "lifecycle", active: true, actor: TEST_ACTOR });
    const ctx = provisioningContext(db(), created.id);
    await createUser({ ctx, body: { schemas: [USER_SCHEMA], userName: "one@example.com" } });
    await updateDirectory({ directoryId: ctx.directoryId, active: false, actor: TEST_ACTOR });
    await updateDirectory({ directoryId: ctx.directoryId, name: "renamed", actor: TEST_ACTOR });
    await updateDirectory({ directoryId: ctx.directoryId, active: false, actor: TEST_ACTOR });
    const renamed = await updateDirectory({ directoryId: ctx.directoryId, active: true, actor: TEST_ACTOR });
    expect(renamed).toMatchObject({ id: created.id, name: "renamed", active: true, deprovisionPolicy: "erase", createdAt: created.createdAt });
    expect(await db().prisma.directory.findUniqueOrThrow({ where: { id: created.id } })).toEqual(renamed);
    const before = await eventsOf(ctx.directoryId);
    // Renaming, or setting the state it already has, is no event.
    expect(before.map((e) => e.type)).toEqual(["directory.created", "user.created", "directory.deactivated", "directory.activated"]);
    expect(before[0].data).toEqual({ directory: { id: created.id, name: "lifecycle", type: "scim", active: true, counts: { users: 0, groups: 0 }, lastActivityAt: null, createdAt: created.createdAt.toISOString() } });
    expect(before[3].data).toEqual({ directory: expect.objectContaining({ id: ctx.directoryId, name: "renamed", active: true, counts: { users: 1, groups: 0 } }) });
    // This directory's events are the newest in the feed: a poller that read them keeps its cursor.
    const read = await walkFeed(db());
    expect(read.events.at(-1)?.directoryId).toBe(ctx.directoryId);
    await deleteDirectory({ directoryId: ctx.directoryId, actor: TEST_ACTOR });
    const after = await eventsOf(ctx.directoryId);
    expect(after.map((e) => e.type)).toEqual(["directory.deleted"]);
    // Positions of deleted events are never given again: the poller sees what follows them.
    await createUser({ ctx: await newDirectory("after-delete"), body: { schemas: [USER_SCHEMA], userName: "next@example.com" } });
    expect((await walkFeed(db(), { after: read.next })).events.map((e) => e.type)).toEqual(["directory.deleted", "user.created"]);
    for (const e of [...before, ...after]) feedEventSchema.parse(e);
  });

  it("pages with a cursor that is always returned, and filters by directory and type", async () => {
    const a = await newDirectory("paging-a");
    const b = await newDirectory("paging-b");
    for (let i = 0; i < 5; i++) {
      await createUser({ ctx: a, body: { schemas: [USER_SCHEMA], userName: `a${i}@example.com` } });
      await createUser({ ctx: b, body: { schemas: [USER_SCHEMA], userName: `b${i}@example.com` } });
    }
    const feed = db();
    const first = await readEventFeed({ db: feed, limit: 3, directoryIds: [a.directoryId] });
    expect(first.data.map((e) => e.data)).toHaveLength(3);
    const second = await readEventFeed({ db: feed, after: first.next, limit: 3, directoryIds: [a.directoryId] });
    expect(second.data).toHaveLength(2);
    const third = await readEventFeed({ db: feed, after: second.next, limit: 3, directoryIds: [a.directoryId] });
    expect(third.data).toEqual([]);
    // Nothing new: the cursor is kept (or moved past events the filter skips), never lost.
    const again = await readEventFeed({ db: feed, after: third.next, limit: 3, directoryIds: [a.directoryId] });
    expect(again).toEqual({ data: [], next: third.next });
    // Isolation: directory A's reader never sees B's events.
    for (const e of [...first.data, ...second.data]) expect(e.directoryId).toBe(a.directoryId);
    expect((await readEventFeed({ db: feed, limit: 100, directoryIds: [] })).data).toEqual([]);
    // A new event after the kept cursor is delivered exactly once.
    await createUser({ ctx: a, body: { schemas: [USER_SCHEMA], userName: "late@example.com" } });
    const late = await readEventFeed({ db: feed, after: again.next, limit: 3, directoryIds: [a.directoryId] });
    expect(late.data.map((e) => e.type === "user.created" && e.data.user.userName)).toEqual(["late@example.com"]);
    const types = await readEventFeed({ db: feed, limit: 100, directoryIds: [b.directoryId], types: ["user.deleted"] });
    expect(types.data).toEqual([]);
  });

  it("lists the Events tab newest first: events not yet numbered (PostgreSQL), then the feed, then events from before the feed", async () => {
    const ctx = await newDirectory("tab-order");
    const legacy = await db().prisma.provisioningEvent.create({
      data: { directoryId: ctx.directoryId, type: "user.created", resourceType: "User", resourceId: "u-old", payload: {}, createdAt: new Date(Date.now() - 86_400_000) },
    });
    for (let i = 0; i < 3; i++) await createUser({ ctx, body: { schemas: [USER_SCHEMA], userName: `tab${i}@example.com` } });
    const feed = (await walkFeed(db(), { directoryIds: [ctx.directoryId] })).events.map((e) => e.id);
    // Written, not yet read by anyone: on PostgreSQL these have no feed position until the sequencer runs.
    for (let i = 3; i < 5; i++) await createUser({ ctx, body: { schemas: [USER_SCHEMA], userName: `tab${i}@example.com` } });
    const pending = (await db().prisma.provisioningEvent.findMany({ where: { directoryId: ctx.directoryId, resourceId: { not: "u-old" }, id: { notIn: feed } }, orderBy: [{ seq: "asc" }, { writeOrder: "asc" }] })).map((e) => e.id);
    expect(pending).toHaveLength(2);
    const all = [legacy.id, ...feed, ...pending].reverse();
    const list = async (pageSize: number) => {
      const pages = [await listDirectoryEvents({ directoryId: ctx.directoryId, pageSize })];
      while (pages.at(-1)!.nextCursor) pages.push(await listDirectoryEvents({ directoryId: ctx.directoryId, pageSize, after: pages.at(-1)!.nextCursor! }));
      // And back from the last page to the first.
      const back = [pages.at(-1)!];
      while (back.at(-1)!.prevCursor) back.push(await listDirectoryEvents({ directoryId: ctx.directoryId, pageSize, before: back.at(-1)!.prevCursor! }));
      expect(back.reverse().flatMap((p) => p.items.map((e) => e.id))).toEqual(pages.flatMap((p) => p.items.map((e) => e.id)));
      return pages.flatMap((p) => p.items);
    };
    for (const size of [1, 2, 4, 50]) expect((await list(size)).map((e) => e.id)).toEqual(all);
    const rows = await list(50);
    expect(rows.at(-1)!.seq).toBeNull();
    if (kind === "postgresql") expect(rows.slice(0, 2).map((e) => e.seq)).toEqual([null, null]);
    // Once read, the pending events take their places at the head of the feed: the order is unchanged.
    await walkFeed(db(), { directoryIds: [ctx.directoryId] });
    const numbered = await list(2);
    expect(numbered.map((e) => e.id)).toEqual(all);
    expect(numbered.slice(0, -1).every((e) => e.seq !== null)).toBe(true);
  });

  it("refuses a cursor it did not issue, and one older than retention (410 for the API)", async () => {
    const feed = db();
    for (const bad of ["", "nope", "djE6LTE", Buffer.from("v2:5").toString("base64url"), "a".repeat(100)]) {
      await expect(readEventFeed({ db: feed, after: bad, limit: 10 })).rejects.toBeInstanceOf(InvalidCursorError);
    }
    const ctx = await newDirectory("retention");
    const start = (await walkFeed(db())).next;
    await createUser({ ctx, body: { schemas: [USER_SCHEMA], userName: "old@example.com" } });
    // Age every event so far (retention prunes a prefix of the feed), then prune.
    const upTo = (await walkFeed(db())).events.length;
    expect(upTo).toBeGreaterThan(0);
    const aged = await db().prisma.provisioningEvent.updateMany({ data: { createdAt: new Date(Date.now() - 31 * 86_400_000) } });
    await createUser({ ctx, body: { schemas: [USER_SCHEMA], userName: "new@example.com" } });
    const pruned = await pruneEvents({ sql: feed.sql, retentionDays: 30 });
    expect(pruned.deleted).toBe(aged.count);
    // The cursor from before the old event has lost it.
    await expect(readEventFeed({ db: feed, after: start, limit: 10 })).rejects.toBeInstanceOf(CursorExpiredError);
    // Without a cursor the feed starts at the oldest event retained.
    const fresh = await walkFeed(db(), { directoryIds: [ctx.directoryId] });
    expect(fresh.events.map((e) => e.type === "user.created" && e.data.user.userName)).toEqual(["new@example.com"]);
    // A cursor at the pruned position still works.
    const [{ prunedThrough }] = await db().prisma.eventFeedState.findMany();
    expect((await readEventFeed({ db: feed, after: encodeFeedCursor(Number(prunedThrough)), limit: 10, directoryIds: [ctx.directoryId] })).data).toHaveLength(1);
  });
});
