// The shared request limiter (per SCIM directory, per API key): shared by instances through the database
// without a write per request (two limiters on two database clients stand for two instances), answered
// as 429 + Retry-After in the SCIM error shape, off with 0, and no database call per decision.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Database } from "@/lib/db/client";
import { addRateLimitHits } from "@/lib/rate-limit/rate-limit";
import { SharedRateLimiter, type RateLimiterSettings } from "@/lib/rate-limit/shared-rate-limiter";
import { scimRateLimiter } from "@/lib/scim-server/rate-limit";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { useScimHarness } from "../support/scim-harness";
import { restoreTestEnv, setTestEnv } from "../support/settings";
import { SCHEMA_ERROR as ERROR, SCHEMA_USER as CORE } from "@/lib/scim/schema";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DATABASE_KINDS)("rate limiter shared by two instances on %s", (kind) => {
  const database = useTestDatabase(kind);
  let second: Database;
  const limiters: SharedRateLimiter[] = [];

  beforeAll(async () => {
    // A second, independent database client (its own connection pool / SQLite connection): another instance.
    second = createDb(database.current.config);
    await Promise.all([second.sql.query("SELECT 1"), database.current.db.sql.query("SELECT 1")]);
  });
  afterAll(async () => {
    for (const l of limiters) l.dispose();
    await second.prisma.$disconnect();
  });

  function pair(settings: RateLimiterSettings, flushIntervalMs?: number) {
    const a = new SharedRateLimiter({ keyPrefix: "scim", db: () => database.current.db, settings: () => settings, flushIntervalMs });
    const b = new SharedRateLimiter({ keyPrefix: "scim", db: () => second, settings: () => settings, flushIntervalMs });
    limiters.push(a, b);
    return [a, b] as const;
  }

  it("two instances together admit the limit (overshoot at most one round of the other's unflushed requests), then both refuse with Retry-After", async () => {
    // No clock in the decisions: the interval timer never fires during the test, so the counts are
    // synced only by the flushes the limiter starts itself near the limit and by the explicit ones
    // between rounds. A round is synchronous, so no flush started in it completes before it ends.
    const [a, b] = pair({ limit: 200, windowSeconds: 600 }, 3_600_000);
    const round = 10;
    const admittedBy = { a: 0, b: 0 };
    const refusedBy = new Set<string>();
    let retryAfter = 0;
    for (let i = 0; i < 800; i++) {
      const [limiter, name] = i % 2 ? [b, "b" as const] : [a, "a" as const];
      const d = limiter.check("dir-1");
      if (d.allowed) admittedBy[name]++;
      else {
        refusedBy.add(name);
        retryAfter = d.retryAfterSeconds;
      }
      if (i % round === round - 1) {
        // a, then b, then a again: both know the whole shared count before the next round.
        await a.flush();
        await b.flush();
        await a.flush();
      }
    }
    const admitted = admittedBy.a + admittedBy.b;
    expect(admitted).toBeGreaterThanOrEqual(200);
    // Without the shared counter each instance would admit 200 (400 in all).
    expect(admitted).toBeLessThanOrEqual(200 + round / 2);
    expect(admittedBy.a).toBeGreaterThan(90);
    expect(admittedBy.b).toBeGreaterThan(90);
    expect([...refusedBy].sort()).toEqual(["a", "b"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // The shared counter holds every admitted request, and another directory is not affected.
    const bucket = await database.current.db.prisma.rateLimitBucket.findUnique({ where: { key: "scim:dir-1" } });
    expect(bucket?.count).toBe(admitted);
    expect(a.check("dir-2").allowed).toBe(true);
  });

  it("one instance admits exactly its limit, also while its own flushes are under way", async () => {
    const [a] = pair({ limit: 20, windowSeconds: 600 }, 3_600_000);
    // One synchronous burst: the flushes it starts near the limit are all still running at its end.
    const decisions = Array.from({ length: 40 }, () => a.check("alone").allowed);
    expect(decisions.filter(Boolean).length).toBe(20);
    await a.flush();
    expect((await database.current.db.prisma.rateLimitBucket.findUnique({ where: { key: "scim:alone" } }))?.count).toBe(20);
  });

  it("writes to the database a few times per interval, never once per request", async () => {
    const [a] = pair({ limit: 100_000, windowSeconds: 60 });
    let writes = 0;
    const counting = new SharedRateLimiter({
      keyPrefix: "scim",
      db: () => {
        writes++;
        return database.current.db;
      },
      settings: () => ({ limit: 100_000, windowSeconds: 60 }),
    });
    limiters.push(counting);
    for (let i = 0; i < 2000; i++) {
      expect(counting.check("busy").allowed).toBe(true);
      if (i % 100 === 99) await sleep(25);
    }
    await counting.flush();
    // ~0.5 s of traffic: the first request flushes, then one flush per 250 ms interval.
    expect(writes).toBeLessThanOrEqual(6);
    expect((await database.current.db.prisma.rateLimitBucket.findUnique({ where: { key: "scim:busy" } }))?.count).toBe(2000);
    expect(a.check("busy").allowed).toBe(true);
  });

  it("a decision makes no database call: 20,000 over 50 keys, one write per key until the next interval", async () => {
    let calls = 0;
    const counting = new SharedRateLimiter({
      keyPrefix: "scim",
      db: () => {
        calls++;
        return database.current.db;
      },
      settings: () => ({ limit: 1_000_000, windowSeconds: 60 }),
      flushIntervalMs: 3_600_000,
    });
    limiters.push(counting);
    for (let i = 0; i < 20_000; i++) counting.check(`cheap-${i % 50}`);
    await counting.flush();
    // Each key's first request flushes at once (its interval has not started), then the explicit flush.
    expect(calls).toBe(100);
    expect((await database.current.db.prisma.rateLimitBucket.findUnique({ where: { key: "scim:cheap-7" } }))?.count).toBe(400);
  });

  it("a new window admits again; the window is the shared one", async () => {
    const [a, b] = pair({ limit: 5, windowSeconds: 1 });
    for (let i = 0; i < 5; i++) expect(a.check("w").allowed).toBe(true);
    await a.flush();
    expect(a.check("w").allowed).toBe(false);
    // b has never seen this directory: it learns the shared count on its first flush.
    b.check("w");
    await b.flush();
    expect(b.check("w").allowed).toBe(false);
    await sleep(1100);
    expect(a.check("w").allowed).toBe(true);
    expect(b.check("w").allowed).toBe(true);
  });

  it("keeps counting locally while the database is unreachable, and admits (the request itself then gets its 503)", async () => {
    const broken = new SharedRateLimiter({
      keyPrefix: "scim",
      db: () => {
        throw new Error("ECONNREFUSED");
      },
      settings: () => ({ limit: 3, windowSeconds: 60 }),
    });
    limiters.push(broken);
    expect([0, 1, 2].map(() => broken.check("down").allowed)).toEqual([true, true, true]);
    await broken.flush();
    expect(broken.check("down").allowed).toBe(false);
  });

  it("addRateLimitHits adds many hits atomically and restarts an expired window", async () => {
    const rule = { key: "hits", limit: 10, windowSeconds: 1 };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => addRateLimitHits(rule, 1 + (i % 3), i % 2 ? second : database.current.db)));
    const total = Array.from({ length: 20 }, (_, i) => 1 + (i % 3)).reduce((x, y) => x + y, 0);
    expect(Math.max(...results.map((r) => r.count))).toBe(total);
    await sleep(1100);
    const fresh = await addRateLimitHits(rule, 2, database.current.db);
    expect(fresh.count).toBe(2);
    expect(fresh.allowed).toBe(true);
  });
});

describe.each(DATABASE_KINDS)("SCIM rate limit over HTTP on %s", (kind) => {
  const h = useScimHarness(kind);
  afterEach(() => {
    restoreTestEnv();
  });

  it("429 + Retry-After + SCIM error body past the limit, per directory; throttled requests logged at most once a second", async () => {
    setTestEnv({ ROSTER_SCIM_RATE_LIMIT: "20", ROSTER_SCIM_RATE_WINDOW_SECONDS: "60" });
    const busy = await h.newDirectory("Busy");
    const quiet = await h.newDirectory("Quiet");
    const statuses: number[] = [];
    let throttled: Awaited<ReturnType<typeof h.scim>> | undefined;
    for (let i = 0; i < 40; i++) {
      const r = await h.scim("GET", "/Users?count=1", undefined, { authorization: `Bearer ${busy.token}` });
      statuses.push(r.status);
      if (r.status === 429) throttled ??= r;
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
    expect(statuses.slice(20)).toEqual(Array(20).fill(429));
    expect(throttled!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(Number(throttled!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(throttled!.headers.get("content-type")).toContain("application/scim+json");
    expect(throttled!.body).toMatchObject({ schemas: [ERROR], status: "429" });
    expect(throttled!.body.detail).toMatch(/Too many requests/);
    // Writes are refused too, and nothing of them is applied.
    const post = await h.scim("POST", "/Users", { schemas: [CORE], userName: "throttled@x" }, { authorization: `Bearer ${busy.token}` });
    expect(post.status).toBe(429);
    expect(await h.database.current.db.prisma.scimUser.count({ where: { directoryId: busy.directoryId } })).toBe(0);
    // Another directory has its own budget.
    expect((await h.scim("GET", "/Users?count=1", undefined, { authorization: `Bearer ${quiet.token}` })).status).toBe(200);
    // The flood of refusals did not become a flood of log rows.
    const logged = await h.database.current.db.prisma.activityLog.findMany({ where: { directoryId: busy.directoryId, status: 429 } });
    expect(logged.length).toBeGreaterThanOrEqual(1);
    expect(logged.length).toBeLessThanOrEqual(3);
    expect(logged[0].operation).toBe("rate_limited");
  });

  it("ROSTER_SCIM_RATE_LIMIT=0 turns the limit off", async () => {
    setTestEnv({ ROSTER_SCIM_RATE_LIMIT: "0" });
    const dir = await h.newDirectory("Unlimited");
    const statuses = new Set<number>();
    for (let i = 0; i < 60; i++) statuses.add((await h.scim("GET", "/Users?count=1", undefined, { authorization: `Bearer ${dir.token}` })).status);
    expect([...statuses]).toEqual([200]);
  });

  it("the default (60,000 a minute) never throttles an Entra-like burst of 500 requests", async () => {
    const dir = await h.newDirectory("Entra cycle");
    const statuses = new Set<number>();
    for (let batch = 0; batch < 25; batch++) {
      const replies = await Promise.all(Array.from({ length: 20 }, () => h.scim("GET", "/Users?count=1", undefined, { authorization: `Bearer ${dir.token}` })));
      for (const r of replies) statuses.add(r.status);
    }
    expect([...statuses]).toEqual([200]);
    await scimRateLimiter().flush();
    expect((await h.database.current.db.prisma.rateLimitBucket.findUnique({ where: { key: `scim:${dir.directoryId}` } }))?.count).toBe(500);
  });
});
