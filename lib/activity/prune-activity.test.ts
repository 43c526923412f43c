// maybePruneActivity runs after every logged request: between runs it must cost a clock check, not a
// query.
import { afterEach, describe, expect, it, vi } from "vitest";
import { setDbForTests, type Database } from "@/lib/db/client";
import { maybePruneActivity, resetPruneSchedule } from "./prune-activity";

/** A database that answers every prune query with "nothing to do" and counts the queries. */
function countingDb() {
  const calls = { count: 0 };
  const db = {
    kind: "sqlite",
    sql: { execute: async () => (calls.count++, 0), query: async () => (calls.count++, []) },
    prisma: { rateLimitBucket: { findMany: async () => (calls.count++, []), deleteMany: async () => (calls.count++, { count: 0 }) } },
  };
  return { db: db as unknown as Database, calls };
}

describe("maybePruneActivity", () => {
  afterEach(() => {
    resetPruneSchedule();
    vi.useRealTimers();
  });

  it("queries nothing between runs, and checks a directory's cap at most once a minute", async () => {
    const { db, calls } = countingDb();
    setDbForTests(db);
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.now();
    resetPruneSchedule();

    await maybePruneActivity("dir-a");
    expect(calls.count).toBeGreaterThan(0);

    calls.count = 0;
    for (let i = 0; i < 1000; i++) await maybePruneActivity("dir-a");
    expect(calls.count).toBe(0);

    // A directory not seen yet gets its cap checked once, then it too costs nothing.
    await maybePruneActivity("dir-b");
    const capCheck = calls.count;
    expect(capCheck).toBeGreaterThan(0);
    for (let i = 0; i < 1000; i++) await maybePruneActivity(i % 2 ? "dir-a" : "dir-b");
    expect(calls.count).toBe(capCheck);

    // A minute later it runs again.
    vi.setSystemTime(t0 + 60_000);
    calls.count = 0;
    await maybePruneActivity("dir-a");
    expect(calls.count).toBeGreaterThan(0);
  });
});
