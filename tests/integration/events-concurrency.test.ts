// The events feed's guarantee under concurrency: 16 writers provision at once (creates, PATCHes,
// member changes, deletes) while a poller follows the feed with its cursor; afterwards the poller's
// events equal a full walk of the feed (every committed event exactly once, same order, no gaps), on
// both databases; on PostgreSQL the writers and the poller use two clients, i.e. two instances.
import { describe, expect, it } from "vitest";
import { createDb, type Database } from "@/lib/db/client";
import { feedEventSchema, type FeedEvent } from "@/lib/directory-data/feed-event";
import { readEventFeed } from "@/lib/events/read-event-feed";
import { createGroup } from "@/lib/provisioning/create-group";
import { createUser } from "@/lib/provisioning/create-user";
import { deleteGroup } from "@/lib/provisioning/delete-group";
import { deleteUser } from "@/lib/provisioning/delete-user";
import { patchGroup } from "@/lib/provisioning/patch-group";
import { patchUser } from "@/lib/provisioning/patch-user";
import { ScimError } from "@/lib/scim/errors";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { GROUP_SCHEMA, PATCH_SCHEMA, provisioningContext, USER_SCHEMA, walkFeed } from "../support/events";

const WRITERS = 16;
const OPERATIONS_PER_WRITER = 25;

describe.each(DATABASE_KINDS)("events feed under concurrency on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("a polling consumer sees every committed event exactly once, in feed order", async () => {
    const primary = database.current.db;
    // PostgreSQL: a second client on the same database stands for a second Roster instance. SQLite
    // runs in one process (a second connection here would block this one's event loop on the lock).
    const second: Database | undefined = kind === "postgresql" ? createDb(database.current.config) : undefined;
    const clients = second ? [primary, second] : [primary];
    // Connected through Prisma so that $disconnect also closes the client's pool.
    await second?.prisma.$connect();
    try {
      const directory = await primary.prisma.directory.create({ data: { name: "concurrency", active: true } });
      const contextOf = (i: number) => provisioningContext(clients[i % clients.length], directory.id, `writer-${i}`);
      const seedCtx = contextOf(0);
      const users: string[] = [];
      for (let i = 0; i < 20; i++) users.push((await createUser({ ctx: seedCtx, body: { schemas: [USER_SCHEMA], userName: `seed-${i}@example.com` } })).id);
      const groups: string[] = [];
      for (let i = 0; i < 4; i++) groups.push((await createGroup({ ctx: seedCtx, body: { schemas: [GROUP_SCHEMA], displayName: `G${i}`, members: [{ value: users[i] }] } })).id);
      const start = (await walkFeed(primary)).next;

      // Operations that succeeded and must each have recorded at least one event.
      let eventful = 0;
      let writing = true;
      const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
      const writer = async (w: number) => {
        const ctx = contextOf(w);
        for (let n = 0; n < OPERATIONS_PER_WRITER; n++) {
          try {
            switch (Math.floor(Math.random() * 7)) {
              case 0:
                users.push((await createUser({ ctx, body: { schemas: [USER_SCHEMA], userName: `w${w}-${n}@example.com` } })).id);
                eventful++;
                break;
              case 1:
                await patchUser({ ctx, userId: pick(users), body: { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "displayName", value: `W${w}-${n}` }] } });
                eventful++;
                break;
              case 2:
                await patchUser({ ctx, userId: pick(users), body: { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "active", value: Math.random() < 0.5 }] } });
                break;
              case 3:
                await patchGroup({ ctx, groupId: pick(groups), body: { schemas: [PATCH_SCHEMA], Operations: [{ op: "add", path: "members", value: [{ value: pick(users) }, { value: pick(users) }] }] } });
                break;
              case 4:
                await patchGroup({ ctx, groupId: pick(groups), body: { schemas: [PATCH_SCHEMA], Operations: [{ op: "remove", path: `members[value eq "${pick(users)}"]` }] } });
                break;
              case 5:
                await deleteUser({ ctx, userId: pick(users) });
                eventful++;
                break;
              default:
                if (Math.random() < 0.5) groups.push((await createGroup({ ctx, body: { schemas: [GROUP_SCHEMA], displayName: `w${w}-${n}`, members: [{ value: pick(users) }] } })).id);
                else await deleteGroup({ ctx, groupId: pick(groups.slice(4)) ?? groups[0] });
            }
          } catch (e) {
            // 404 (deleted meanwhile), 400 (member deleted meanwhile), 409: the race, not a failure.
            if (!(e instanceof ScimError)) throw e;
          }
        }
      };
      const polled: FeedEvent[] = [];
      const poller = async () => {
        const feed = clients[clients.length - 1];
        let after = start;
        for (;;) {
          const done = !writing;
          const page = await readEventFeed({ db: feed, after, limit: 7 });
          polled.push(...page.data);
          after = page.next;
          // After the writers finished, one more read that finds nothing proves the poller is caught up.
          if (done && !page.data.length) return;
          if (!page.data.length) await new Promise((r) => setTimeout(r, 2));
        }
      };
      const polling = poller();
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      writing = false;
      await polling;

      const walked = (await walkFeed(primary, { after: start })).events;
      const ids = polled.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(walked.map((e) => e.id));
      // Every event recorded since the start is in the feed (none left behind without a position).
      const recorded = await primary.prisma.provisioningEvent.count({ where: { directoryId: directory.id } });
      expect(eventful).toBeGreaterThan(WRITERS * OPERATIONS_PER_WRITER * 0.2);
      expect(walked.length).toBeGreaterThanOrEqual(eventful);
      expect((await walkFeed(primary)).events.filter((e) => e.directoryId === directory.id)).toHaveLength(recorded);
      for (const e of polled) feedEventSchema.parse(e);
      // Per resource, the feed follows the order of its changes: a user's state never goes back.
      const lastSeen = new Map<string, string>();
      for (const e of polled) {
        if (!e.type.startsWith("user.")) continue;
        const user = (e.data as { user: { id: string; updatedAt: string } }).user;
        expect(user.updatedAt >= (lastSeen.get(user.id) ?? "")).toBe(true);
        lastSeen.set(user.id, user.updatedAt);
      }
    } finally {
      await second?.prisma.$disconnect();
    }
  }, 120_000);
});
