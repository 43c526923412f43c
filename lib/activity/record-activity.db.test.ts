// The shared activity writer, on both databases: what it stores, what it never stores, and that it
// never throws.
import { afterEach, describe, expect, it, vi } from "vitest";
import { setDbForTests, type Database } from "@/lib/db/client";
import { createDirectory } from "@/lib/admin/directories/create-directory";
import { DATABASE_KINDS, useTestDatabase } from "@/tests/support/database";
import { LAST_ACTIVITY_INTERVAL_MS, recordActivity, type ActivityEntry } from "./record-activity";
import { MAX_LOGGED_BODY_BYTES } from "./redact";
import { TEST_ACTOR } from "../../tests/support/audit";

const base: ActivityEntry = {
  requestId: "00000000-0000-4000-8000-000000000000",
  kind: "scim",
  method: "POST",
  path: "/api/scim/v2/Users",
  status: 201,
  operation: "user.create",
  durationMs: 12.6,
};

describe.each(DATABASE_KINDS)("recordActivity on %s", (kind) => {
  const database = useTestDatabase(kind);
  afterEach(() => setDbForTests(database.current.db));

  it("writes every field, redacted, and moves the directory's lastActivityAt", async () => {
    const directory = await createDirectory({ name: "Logged", active: true, actor: TEST_ACTOR });
    const before = Date.now();
    await recordActivity({
      ...base,
      requestId: "11111111-1111-4111-8111-111111111111",
      directoryId: directory.id,
      clientId: "roster_abc",
      query: "attributes=userName&access_token=rt_query",
      scimType: "uniqueness",
      errorDetail: "userName already exists",
      resourceType: "User",
      resourceId: "u-1",
      ip: "203.0.113.5",
      userAgent: "Azure AD SCIM",
      requestBody: JSON.stringify({ userName: "ada", password: "hunter2" }),
      responseBody: JSON.stringify({ id: "u-1", userName: "ada" }),
    });
    const row = await database.current.db.prisma.activityLog.findFirstOrThrow({ where: { requestId: "11111111-1111-4111-8111-111111111111" } });
    expect(row).toMatchObject({
      directoryId: directory.id,
      clientId: "roster_abc",
      kind: "scim",
      method: "POST",
      path: "/api/scim/v2/Users",
      query: "attributes=userName&access_token=[redacted]",
      status: 201,
      scimType: "uniqueness",
      errorDetail: "userName already exists",
      operation: "user.create",
      resourceType: "User",
      resourceId: "u-1",
      durationMs: 13,
      ip: "203.0.113.5",
      userAgent: "Azure AD SCIM",
    });
    expect(JSON.parse(row.requestBody!)).toEqual({ userName: "ada", password: "[redacted]" });
    expect(JSON.parse(row.responseBody!)).toEqual({ id: "u-1", userName: "ada" });
    // ActivityLog.id is a UUIDv7 (time-ordered); createdAt is stored as Prisma stores it, so Prisma's
    // date filters (the admin pages') find the row.
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(row.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await database.current.db.prisma.activityLog.count({ where: { id: row.id, createdAt: { gte: new Date(before), lte: new Date() } } })).toBe(1);
    const touched = await database.current.db.prisma.directory.findUniqueOrThrow({ where: { id: directory.id } });
    expect(touched.lastActivityAt).toEqual(row.createdAt);
  });

  it("stores the defaults of a minimal entry", async () => {
    await recordActivity({ ...base, requestId: "66666666-6666-4666-8666-666666666666", method: "GET", path: "/api/scim/v2/Users", status: 200, operation: "user.list", durationMs: -3 });
    const row = await database.current.db.prisma.activityLog.findFirstOrThrow({ where: { requestId: "66666666-6666-4666-8666-666666666666" } });
    expect(row).toMatchObject({
      directoryId: null,
      clientId: null,
      kind: "scim",
      method: "GET",
      query: "",
      status: 200,
      scimType: null,
      errorDetail: null,
      operation: "user.list",
      resourceType: null,
      resourceId: null,
      durationMs: 0,
      ip: null,
      userAgent: null,
      requestBody: null,
      responseBody: null,
    });
  });

  it("moves lastActivityAt at most once a second per directory, and always on a directory's first request", async () => {
    const a = await createDirectory({ name: "Throttled A", active: true, actor: TEST_ACTOR });
    const b = await createDirectory({ name: "Throttled B", active: true, actor: TEST_ACTOR });
    const lastActivity = async (id: string) => (await database.current.db.prisma.directory.findUniqueOrThrow({ where: { id } })).lastActivityAt?.getTime();
    const t0 = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(t0);
      await recordActivity({ ...base, directoryId: a.id });
      expect(await lastActivity(a.id)).toBe(t0);

      vi.setSystemTime(t0 + LAST_ACTIVITY_INTERVAL_MS - 1);
      await recordActivity({ ...base, directoryId: a.id });
      expect(await lastActivity(a.id)).toBe(t0);
      // Another directory's first request is not held back by the first one's.
      await recordActivity({ ...base, directoryId: b.id });
      expect(await lastActivity(b.id)).toBe(t0 + LAST_ACTIVITY_INTERVAL_MS - 1);

      vi.setSystemTime(t0 + LAST_ACTIVITY_INTERVAL_MS);
      await recordActivity({ ...base, directoryId: a.id });
      expect(await lastActivity(a.id)).toBe(t0 + LAST_ACTIVITY_INTERVAL_MS);
    } finally {
      vi.useRealTimers();
    }
    // Every request still gets its row.
    expect(await database.current.db.prisma.activityLog.count({ where: { directoryId: a.id } })).toBe(3);
  });

  // On SQLite, Prisma's interactive transactions and the log share one connection: a row written beside
  // one would be rolled back with it.
  it("writes a row of its own, never one inside another transaction that is in flight", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const rolledBack = database.current.db.prisma
      .$transaction(async (tx) => {
        await tx.directory.create({ data: { name: "Rolled back" } });
        started();
        await held;
        throw new Error("roll back");
      })
      .catch(() => "rolled back");
    await inside;
    const logged = recordActivity({ ...base, requestId: "77777777-7777-4777-8777-777777777777" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    expect(await rolledBack).toBe("rolled back");
    await logged;
    expect(await database.current.db.prisma.directory.count({ where: { name: "Rolled back" } })).toBe(0);
    expect(await database.current.db.prisma.activityLog.count({ where: { requestId: "77777777-7777-4777-8777-777777777777" } })).toBe(1);
  });

  it("writes the rows of requests finishing together in one write, and a refused row does not lose the others", async () => {
    const directory = await createDirectory({ name: "Batched", active: true, actor: TEST_ACTOR });
    const driver = database.current.db.sql;
    const transactions = vi.spyOn(driver, "transaction");
    try {
      const ids = Array.from({ length: 20 }, (_, i) => `88888888-8888-4888-8888-${String(i).padStart(12, "0")}`);
      await Promise.all(ids.map((requestId) => recordActivity({ ...base, requestId, directoryId: directory.id })));
      expect(await database.current.db.prisma.activityLog.count({ where: { requestId: { in: ids } } })).toBe(20);
      // SQLite: one transaction holding the 20 single-row inserts and the sync-health bookkeeping of all
      // 20; PostgreSQL: one 20-row insert, then one transaction of bookkeeping for all 20
      // (lib/sync-health/queue-sync-health.ts).
      const perRound = 1;
      expect(transactions).toHaveBeenCalledTimes(perRound);
      const cycles = await database.current.db.prisma.syncCycle.findMany({ where: { directoryId: directory.id } });
      expect(cycles.map((c) => c.requests)).toEqual([20]);
      const inserts = vi.spyOn(driver, "execute");
      try {
        await Promise.all(ids.map((requestId) => recordActivity({ ...base, requestId: requestId.replace(/^8/, "7"), directoryId: directory.id })));
        if (kind === "postgresql") expect(inserts.mock.calls.filter(([sql]) => sql.startsWith('INSERT INTO "ActivityLog"'))).toHaveLength(1);
        expect(transactions).toHaveBeenCalledTimes(2 * perRound);
      } finally {
        inserts.mockRestore();
      }

      // requestId is NOT NULL: this row is refused, the two beside it are written anyway.
      const good = ["99999999-9999-4999-8999-000000000001", "99999999-9999-4999-8999-000000000002"];
      await Promise.all([
        recordActivity({ ...base, requestId: good[0] }),
        recordActivity({ ...base, requestId: undefined as unknown as string }),
        recordActivity({ ...base, requestId: good[1] }),
      ]);
      expect(await database.current.db.prisma.activityLog.count({ where: { requestId: { in: good } } })).toBe(2);
    } finally {
      transactions.mockRestore();
    }
  });

  it("keeps the rows when their sync-health bookkeeping fails, and records it again once it can", async () => {
    const db = database.current.db;
    const directory = await createDirectory({ name: "Bookkeeping refused", active: true, actor: TEST_ACTOR });
    const refuse =
      kind === "sqlite"
        ? [`CREATE TRIGGER "refuse_cycle" BEFORE INSERT ON "SyncCycle" BEGIN SELECT RAISE(ABORT, 'refused'); END`]
        : [
            `CREATE FUNCTION "refuse_cycle"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql`,
            `CREATE TRIGGER "refuse_cycle" BEFORE INSERT ON "SyncCycle" FOR EACH ROW EXECUTE FUNCTION "refuse_cycle"()`,
          ];
    const allow = kind === "sqlite" ? [`DROP TRIGGER "refuse_cycle"`] : [`DROP TRIGGER "refuse_cycle" ON "SyncCycle"`, `DROP FUNCTION "refuse_cycle"()`];
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      for (const statement of refuse) await db.sql.execute(statement);
      const ids = ["66666666-6666-4666-8666-000000000001", "66666666-6666-4666-8666-000000000002"];
      await Promise.all(ids.map((requestId) => recordActivity({ ...base, requestId, directoryId: directory.id })));
      expect(await db.prisma.activityLog.count({ where: { requestId: { in: ids } } })).toBe(2);
      // Nothing of the bookkeeping is left half done: the health row it began with is rolled back too.
      expect(await db.prisma.syncHealth.count({ where: { directoryId: directory.id } })).toBe(0);
      expect(errors).toHaveBeenCalledWith("[roster] could not record sync health:", expect.stringContaining("refused"));
    } finally {
      for (const statement of allow) await db.sql.execute(statement);
      errors.mockRestore();
    }
    await recordActivity({ ...base, requestId: "66666666-6666-4666-8666-000000000003", directoryId: directory.id });
    expect((await db.prisma.syncCycle.findMany({ where: { directoryId: directory.id } })).map((c) => c.requests)).toEqual([1]);
    expect(await db.prisma.syncHealth.count({ where: { directoryId: directory.id } })).toBe(1);
  });

  it("redacts a token request's form body", async () => {
    await recordActivity({ ...base, requestId: "22222222-2222-4222-8222-222222222222", kind: "token", path: "/api/oauth/token", requestBody: "grant_type=client_credentials&client_id=roster_a&client_secret=rs_shh" });
    const row = await database.current.db.prisma.activityLog.findFirstOrThrow({ where: { requestId: "22222222-2222-4222-8222-222222222222" } });
    expect(row.requestBody).toBe("grant_type=client_credentials&client_id=roster_a&client_secret=[redacted]");
  });

  it("caps bodies at 8 KiB", async () => {
    const big = JSON.stringify({ members: Array.from({ length: 2000 }, (_, i) => ({ value: `member-${i}` })) });
    await recordActivity({ ...base, requestId: "33333333-3333-4333-8333-333333333333", requestBody: big, responseBody: big });
    const row = await database.current.db.prisma.activityLog.findFirstOrThrow({ where: { requestId: "33333333-3333-4333-8333-333333333333" } });
    for (const body of [row.requestBody!, row.responseBody!]) {
      expect(Buffer.byteLength(body)).toBeLessThan(MAX_LOGGED_BODY_BYTES + 100);
      expect(body).toMatch(/truncated/);
    }
  });

  it("writes a row that belongs to no directory (unknown client) and one for a directory that is gone", async () => {
    await recordActivity({ ...base, requestId: "44444444-4444-4444-8444-444444444444", status: 401, operation: "token.denied" });
    await recordActivity({ ...base, requestId: "55555555-5555-4555-8555-555555555555", directoryId: "no-such-directory" });
    expect(await database.current.db.prisma.activityLog.count({ where: { requestId: { in: ["44444444-4444-4444-8444-444444444444", "55555555-5555-4555-8555-555555555555"] } } })).toBe(2);
  });

  it("never throws, whatever the database does", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    setDbForTests(
      new Proxy({}, {
        get() {
          throw new Error("database exploded");
        },
      }) as Database,
    );
    await expect(recordActivity({ ...base, directoryId: "x" })).resolves.toBeUndefined();
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});
