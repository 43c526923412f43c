// The activity log and provisioning events cannot grow without bound, on both databases: rows older
// than the retention period are pruned, each directory (and the directory-less rows of unauthenticated
// requests) keeps at most a fixed number of activity rows, deletes run in bounded batches, and all of
// it runs as the "activity-retention" background job, not on the request path.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { pruneActivity } from "@/lib/activity/prune-activity";
import { retentionJob } from "@/lib/activity/retention-job";
import { runJob } from "@/lib/jobs/run-job";
import type { Database } from "@/lib/db/client";
import { DATABASE_KINDS } from "../support/database";
import { useScimHarness } from "../support/scim-harness";
import { restoreTestEnv, setTestEnv } from "../support/settings";

const DAY = 86_400_000;

async function insertActivity(db: Database, directoryId: string | null, n: number, ageMs: (i: number) => number) {
  const now = Date.now();
  const rows = Array.from({ length: n }, (_, i) => ({
    directoryId,
    requestId: randomUUID(),
    kind: "scim",
    method: "GET",
    path: "/api/scim/v2/Users",
    status: 200,
    operation: "user.list",
    durationMs: 1,
    createdAt: new Date(now - ageMs(i)),
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.prisma.activityLog.createMany({ data: rows.slice(i, i + 1000) });
}

async function insertEvents(db: Database, directoryId: string, n: number, ageMs: number) {
  await db.prisma.provisioningEvent.createMany({
    data: Array.from({ length: n }, () => ({ directoryId, type: "user.updated", resourceType: "User", resourceId: randomUUID(), payload: { changed: ["title"] }, createdAt: new Date(Date.now() - ageMs) })),
  });
}

describe.each(DATABASE_KINDS)("activity retention on %s", (kind) => {
  const h = useScimHarness(kind);
  afterEach(() => {
    restoreTestEnv();
  });

  it("deletes activity rows and provisioning events older than the retention period, keeps the rest", async () => {
    const db = h.database.current.db;
    const dir = await h.newDirectory("Retention");
    await insertActivity(db, dir.directoryId, 50, () => 31 * DAY);
    await insertActivity(db, dir.directoryId, 20, () => 29 * DAY);
    await insertActivity(db, null, 10, () => 45 * DAY);
    await insertEvents(db, dir.directoryId, 40, 31 * DAY);
    await insertEvents(db, dir.directoryId, 5, 1 * DAY);
    const result = await pruneActivity({ db, retention: { retentionDays: 30, maxRowsPerDirectory: 0 } });
    expect(result).toMatchObject({ expiredActivity: 60, expiredEvents: 40, more: false });
    expect(await db.prisma.activityLog.count({ where: { directoryId: dir.directoryId } })).toBeGreaterThanOrEqual(20);
    expect(await db.prisma.activityLog.count({ where: { createdAt: { lt: new Date(Date.now() - 30 * DAY) } } })).toBe(0);
    // The five recent events inserted here remain (the directory's own events, e.g. directory.created, are recent too).
    expect(await db.prisma.provisioningEvent.count({ where: { directoryId: dir.directoryId, type: "user.updated" } })).toBe(5);
    // retentionDays 0 keeps everything.
    await insertActivity(db, dir.directoryId, 5, () => 400 * DAY);
    expect((await pruneActivity({ db, retention: { retentionDays: 0, maxRowsPerDirectory: 0 } })).expiredActivity).toBe(0);
  });

  it("deletes in bounded batches and says when work is left; repeated runs finish it", async () => {
    const db = h.database.current.db;
    const dir = await h.newDirectory("Backlog");
    await insertActivity(db, dir.directoryId, 450, () => 60 * DAY);
    const first = await pruneActivity({ db, retention: { retentionDays: 30, maxRowsPerDirectory: 0 }, batchSize: 100, maxBatches: 2 });
    expect(first.expiredActivity).toBe(200);
    expect(first.more).toBe(true);
    let runs = 1;
    for (;;) {
      const next = await pruneActivity({ db, retention: { retentionDays: 30, maxRowsPerDirectory: 0 }, batchSize: 100, maxBatches: 2 });
      runs++;
      if (!next.more) break;
    }
    expect(runs).toBe(3);
    // Only the token request of newDirectory (just now) is left.
    expect(await db.prisma.activityLog.count({ where: { directoryId: dir.directoryId, kind: "scim" } })).toBe(0);
  });

  it("caps the rows per directory, newest kept; directory-less rows have a cap of their own", async () => {
    const db = h.database.current.db;
    const a = await h.newDirectory("Flooded");
    const b = await h.newDirectory("Calm");
    await insertActivity(db, a.directoryId, 300, (i) => i * 1000);
    await insertActivity(db, b.directoryId, 30, (i) => i * 1000);
    await insertActivity(db, null, 120, (i) => i * 1000);
    const result = await pruneActivity({ db, retention: { retentionDays: 30, maxRowsPerDirectory: 100 }, directoryIds: [a.directoryId, b.directoryId, null] });
    expect(result.overCap).toBeGreaterThanOrEqual(200 + 20);
    const kept = await db.prisma.activityLog.findMany({ where: { directoryId: a.directoryId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    expect(kept.length).toBeLessThanOrEqual(100);
    expect(kept.length).toBeGreaterThanOrEqual(99);
    // The newest survived.
    expect(Date.now() - kept[0].createdAt.getTime()).toBeLessThan(60_000);
    expect(await db.prisma.activityLog.count({ where: { directoryId: b.directoryId, kind: "scim" } })).toBe(30);
    expect(await db.prisma.activityLog.count({ where: { directoryId: null } })).toBeLessThanOrEqual(100);
  });

  it("runs as a job: requests no longer prune; one pass enforces every directory's cap and removes expired rows", async () => {
    const db = h.database.current.db;
    setTestEnv({ ROSTER_ACTIVITY_MAX_ROWS_PER_DIRECTORY: "25" });
    const dir = await h.newDirectory("Flood");
    const as = { authorization: `Bearer ${dir.token}` };
    for (let i = 0; i < 40; i++) await h.scim("GET", "/Users?count=1", undefined, as);
    expect(await db.prisma.activityLog.count({ where: { directoryId: dir.directoryId } })).toBeGreaterThan(25);
    await insertActivity(db, dir.directoryId, 10, () => 90 * DAY);
    await insertActivity(db, null, 5, () => 90 * DAY);
    await insertEvents(db, dir.directoryId, 10, 90 * DAY);
    expect(await runJob(retentionJob, { holder: "test", force: true })).toMatchObject({ ran: true, more: false });
    const after = await db.prisma.activityLog.count({ where: { directoryId: dir.directoryId } });
    expect(after).toBeLessThanOrEqual(25);
    expect(after).toBeGreaterThanOrEqual(20);
    const cutoff = new Date(Date.now() - 30 * DAY);
    expect(await db.prisma.activityLog.count({ where: { createdAt: { lt: cutoff } } })).toBe(0);
    expect(await db.prisma.provisioningEvent.count({ where: { createdAt: { lt: cutoff } } })).toBe(0);
  });
});
