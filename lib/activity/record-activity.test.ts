// The shared activity writer, on both databases: what it stores, what it never stores, and that it
// never throws.
import { afterEach, describe, expect, it, vi } from "vitest";
import { setDbForTests, type Db } from "@/lib/db/client";
import { createDirectory } from "@/lib/directories/create-directory";
import { DATABASE_KINDS, useTestDatabase } from "@/tests/support/database";
import { recordActivity, type ActivityEntry } from "./record-activity";
import { MAX_LOGGED_BODY_BYTES } from "./redact";

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
  afterEach(() => setDbForTests(database.current.db, kind));

  it("writes every field, redacted, and moves the directory's lastActivityAt", async () => {
    const directory = await createDirectory({ name: "Logged", active: true });
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
    const row = await database.current.db.activityLog.findFirstOrThrow({ where: { requestId: "11111111-1111-4111-8111-111111111111" } });
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
    expect((await database.current.db.directory.findUniqueOrThrow({ where: { id: directory.id } })).lastActivityAt).toBeInstanceOf(Date);
  });

  it("redacts a token request's form body", async () => {
    await recordActivity({ ...base, requestId: "22222222-2222-4222-8222-222222222222", kind: "token", path: "/api/oauth/token", requestBody: "grant_type=client_credentials&client_id=roster_a&client_secret=rs_shh" });
    const row = await database.current.db.activityLog.findFirstOrThrow({ where: { requestId: "22222222-2222-4222-8222-222222222222" } });
    expect(row.requestBody).toBe("grant_type=client_credentials&client_id=roster_a&client_secret=[redacted]");
  });

  it("caps bodies at 8 KiB", async () => {
    const big = JSON.stringify({ members: Array.from({ length: 2000 }, (_, i) => ({ value: `member-${i}` })) });
    await recordActivity({ ...base, requestId: "33333333-3333-4333-8333-333333333333", requestBody: big, responseBody: big });
    const row = await database.current.db.activityLog.findFirstOrThrow({ where: { requestId: "33333333-3333-4333-8333-333333333333" } });
    for (const body of [row.requestBody!, row.responseBody!]) {
      expect(Buffer.byteLength(body)).toBeLessThan(MAX_LOGGED_BODY_BYTES + 100);
      expect(body).toMatch(/truncated/);
    }
  });

  it("writes a row that belongs to no directory (unknown client) and one for a directory that is gone", async () => {
    await recordActivity({ ...base, requestId: "44444444-4444-4444-8444-444444444444", status: 401, operation: "token.denied" });
    await recordActivity({ ...base, requestId: "55555555-5555-4555-8555-555555555555", directoryId: "no-such-directory" });
    expect(await database.current.db.activityLog.count({ where: { requestId: { in: ["44444444-4444-4444-8444-444444444444", "55555555-5555-4555-8555-555555555555"] } } })).toBe(2);
  });

  it("never throws, whatever the database does", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    setDbForTests(
      new Proxy({}, {
        get() {
          throw new Error("database exploded");
        },
      }) as Db,
      kind,
    );
    await expect(recordActivity({ ...base, directoryId: "x" })).resolves.toBeUndefined();
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});
