// Provisioning cycles, health states and error reasons, kept by the activity write (lib/sync-health),
// through real SCIM and token requests on both databases. Only Date is faked, so requests can be
// placed minutes apart while everything else runs for real.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDirectory } from "@/lib/admin/directories/create-directory";
import { detectSilence } from "@/lib/sync-health/detect-silence";
import { getDirectoryHealth } from "@/lib/sync-health/get-directory-health";
import { listCycles } from "@/lib/sync-health/list-cycles";
import { listTopErrors } from "@/lib/sync-health/list-top-errors";
import { pruneSyncHistory } from "@/lib/sync-health/prune-sync-history";
import { syncSilenceJob } from "@/lib/sync-health/sync-silence-job";
import { DATABASE_KINDS } from "@/tests/support/database";
import { GROUP_SCHEMA, PATCH_SCHEMA, USER_SCHEMA, walkFeed } from "@/tests/support/events";
import { useScimHarness, type ScimHarness } from "@/tests/support/scim-harness";
import { TEST_ACTOR } from "../support/audit";

const GAP_MS = 300_000; // ROSTER_CYCLE_GAP_SECONDS' default
const T0 = new Date("2026-03-02T09:00:00.000Z").getTime();

const user = (userName: string) => ({ schemas: [USER_SCHEMA], userName, name: { givenName: "A", familyName: "B" } });
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });

/** A directory of its own on the harness's server, and a SCIM client for it. */
async function newTenant(h: ScimHarness, name: string) {
  const { directoryId, token } = await h.newDirectory(name);
  const scim = (method: string, path: string, body?: unknown) => h.scim(method, path, body, { authorization: `Bearer ${token}` });
  return { directoryId, scim };
}

async function healthOf(h: ScimHarness, directoryId: string) {
  const directory = await h.database.current.db.prisma.directory.findUniqueOrThrow({ where: { id: directoryId } });
  return getDirectoryHealth({ directoryId, directoryCreatedAt: directory.createdAt });
}

/** The directory's health_changed events, in feed order, as "previous→state". */
async function healthEvents(h: ScimHarness, directoryId: string) {
  const { events } = await walkFeed(h.database.current.db, { directoryIds: [directoryId] });
  return events.flatMap((e) => (e.type === "directory.health_changed" ? [`${e.data.health.previousState}→${e.data.health.state}`] : []));
}

describe.each(DATABASE_KINDS)("sync health on %s", (kind) => {
  const h = useScimHarness(kind);
  let clock = T0;
  /** Moves the (Date-only) clock forward. */
  const advance = (ms: number) => {
    clock += ms;
    vi.setSystemTime(clock);
  };

  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: T0 });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("splits requests into cycles at the idle gap and counts each cycle's requests, failures and changes exactly", async () => {
    advance(60_000);
    const { directoryId, scim } = await newTenant(h, "Cycles"); // the token request: cycle 1's first
    advance(1000);
    const ada = (await scim("POST", "/Users", user("ada@example.com"))).body;
    const bob = (await scim("POST", "/Users", user("bob@example.com"))).body;
    expect((await scim("POST", "/Users", user("ada@example.com"))).status).toBe(409); // an error, not a failure
    expect((await scim("GET", "/Users/00000000-0000-4000-8000-000000000000")).status).toBe(404); // likewise
    advance(GAP_MS); // exactly the gap: still the same cycle
    expect((await scim("PATCH", `/Users/${ada.id}`, patch({ op: "replace", path: "active", value: false }))).status).toBe(200);
    const group = (await scim("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Staff", members: [{ value: ada.id }, { value: bob.id }] })).body;
    expect((await scim("PATCH", `/Groups/${group.id}`, patch({ op: "remove", path: `members[value eq "${bob.id}"]` }))).status).toBe(204);

    advance(GAP_MS + 1); // past the gap: cycle 2
    expect((await scim("POST", "/Users", "{not json")).status).toBe(400);
    expect((await scim("DELETE", `/Users/${bob.id}`)).status).toBe(204);
    expect((await scim("PATCH", `/Groups/${group.id}`, patch({ op: "replace", value: { displayName: "Everyone" } }))).status).toBe(204);

    const [second, first] = await listCycles({ directoryId });
    expect(await listCycles({ directoryId })).toHaveLength(2);
    expect(first).toMatchObject({
      startedAt: new Date(T0 + 60_000).toISOString(),
      endedAt: new Date(T0 + 61_000 + GAP_MS).toISOString(),
      requests: 8,
      failures: 0,
      errors: 2,
      users: { created: 2, updated: 1, deactivated: 1, reactivated: 0, deleted: 0 },
      groups: { created: 1, updated: 0, deleted: 0 },
      memberships: { added: 2, removed: 1 },
    });
    expect(first.topErrors.map((e) => [e.status, e.scimType, e.count])).toEqual(expect.arrayContaining([[409, "uniqueness", 1], [404, null, 1]]));
    expect(second).toMatchObject({
      startedAt: new Date(T0 + 61_000 + 2 * GAP_MS + 1).toISOString(),
      requests: 3,
      failures: 1,
      errors: 1,
      users: { created: 0, updated: 0, deactivated: 0, reactivated: 0, deleted: 1 },
      groups: { created: 0, updated: 1, deleted: 0 },
      memberships: { added: 0, removed: 0 },
    });
    const health = await healthOf(h, directoryId);
    expect(health.lastCycle).toMatchObject({ id: second.id, requests: 3 });
    // Two cycle starts: the cadence is their interval (in whole seconds), the next is expected one cadence after the latest.
    const cadenceSeconds = Math.round((Date.parse(second.startedAt) - Date.parse(first.startedAt)) / 1000);
    expect(health.nextCycleExpectedAt).toBe(new Date(Date.parse(second.startedAt) + cadenceSeconds * 1000).toISOString());
  });

  it("reaches and leaves every health state, with a directory.health_changed event for each change", async () => {
    advance(3600_000);
    const fresh = await createDirectory({ name: "Never heard from", active: true, actor: TEST_ACTOR });
    expect(await healthOf(h, fresh.id)).toMatchObject({ state: "new", lastRequestAt: null, lastCycle: null, failureRate: 0 });

    const { directoryId, scim } = await newTenant(h, "Health"); // 1 ok (the token)
    const oks = async (n: number) => {
      for (let i = 0; i < n; i++) expect((await scim("GET", "/Users?count=1")).status).toBe(200);
    };
    const failures = async (n: number) => {
      for (let i = 0; i < n; i++) expect((await scim("POST", "/Users", "{broken")).status).toBe(400);
    };
    await oks(19);
    expect(await healthOf(h, directoryId)).toMatchObject({ state: "healthy", failureRate: 0 });
    // 404s and 409s are ordinary provisioning: they never count against the directory.
    for (let i = 0; i < 5; i++) expect((await scim("GET", `/Users/00000000-0000-4000-8000-00000000000${i}`)).status).toBe(404);
    expect(await healthOf(h, directoryId)).toMatchObject({ state: "healthy", failureRate: 0 });

    await failures(2); // 2 of 27: 7%
    const degraded = await healthOf(h, directoryId);
    expect(degraded).toMatchObject({ state: "degraded", failureRate: 2 / 27 });
    expect(degraded.reason).toMatch(/^2 of the last 27 requests failed \(7%\); latest: 400 invalidSyntax/);
    await oks(13); // 2 of 40: 5%, not above it
    expect((await healthOf(h, directoryId)).state).toBe("healthy");

    await failures(40); // 42 of 80: past half
    const failing = await healthOf(h, directoryId);
    expect(failing.state).toBe("failing");
    expect(failing.reason).toMatch(/^42 of the last 80 requests failed \(53%\)/);
    expect(failing.since).toBe(new Date(clock).toISOString());

    advance(GAP_MS + 1); // a new cycle that goes well
    await oks(100);
    const recovered = await healthOf(h, directoryId);
    expect(recovered).toMatchObject({ state: "healthy", failureRate: 0, reason: "No failures in the last 100 requests" });
    expect(recovered.lastCycle).toMatchObject({ requests: 100, failures: 0 });

    // Silent: nothing for 3 × the cadence (the interval between the two cycles' starts).
    const cadenceMs = Date.parse(recovered.lastCycle!.startedAt) - Date.parse((await listCycles({ directoryId }))[1].startedAt);
    const last = Date.parse(recovered.lastRequestAt!);
    expect((await detectSilence({ now: new Date(last + 3 * cadenceMs - 1000) })).silenced).not.toContain(directoryId);
    expect((await detectSilence({ now: new Date(last + 3 * cadenceMs + 1000) })).silenced).toContain(directoryId);
    const silent = await healthOf(h, directoryId);
    expect(silent.state).toBe("silent");
    expect(silent.reason).toMatch(/^No provisioning request for \d+ min; cycles usually start every \d+ min/);
    // Already silent: not again.
    expect((await detectSilence({ now: new Date(last + 10 * cadenceMs) })).silenced).not.toContain(directoryId);

    await oks(1); // the identity provider is back
    expect((await healthOf(h, directoryId)).state).toBe("healthy");

    expect(await healthEvents(h, directoryId)).toEqual([
      "new→healthy",
      "healthy→degraded",
      "degraded→healthy",
      "healthy→degraded",
      "degraded→failing",
      "failing→degraded",
      "degraded→healthy",
      "healthy→silent",
      "silent→healthy",
    ]);
    expect(await healthEvents(h, fresh.id)).toEqual([]);
  });

  it("judges a cycle half of whose requests failed failing, even after a long healthy stretch", async () => {
    advance(3600_000);
    const { directoryId, scim } = await newTenant(h, "Bad cycle");
    for (let i = 0; i < 79; i++) await scim("GET", "/Users?count=1");
    advance(GAP_MS + 1);
    for (let i = 0; i < 4; i++) await scim("POST", "/Users", "{broken");
    const health = await healthOf(h, directoryId);
    expect(health.state).toBe("failing");
    expect(health.reason).toMatch(/^4 of the 4 requests of the current cycle failed \(100%\)/);
  });

  it("counts 401s for a known but expired or revoked token against its directory, not an unknown token's", async () => {
    advance(3600_000);
    const db = h.database.current.db;
    const { directoryId, token, clientId } = await h.newDirectory("Stale token");
    const scim = (t: string) => h.scim("GET", "/Users?count=1", undefined, { authorization: `Bearer ${t}` });
    for (let i = 0; i < 3; i++) expect((await scim(token)).status).toBe(200);
    await db.prisma.accessToken.updateMany({ where: { directoryId }, data: { expiresAt: new Date(clock - 1000) } });
    for (let i = 0; i < 3; i++) expect((await scim(token)).status).toBe(401);
    expect((await scim("an-unknown-token-of-nobody")).status).toBe(401);
    // Revoking a client deletes its tokens; a token read just before that still names its client.
    await db.prisma.accessToken.updateMany({ where: { directoryId }, data: { expiresAt: new Date(clock + 3600_000) } });
    await db.prisma.apiClient.updateMany({ where: { directoryId }, data: { revokedAt: new Date(clock) } });
    expect((await scim(token)).status).toBe(401);
    const health = await healthOf(h, directoryId);
    expect(health.state).toBe("failing");
    expect(health.reason).toMatch(/^4 of the last 8 requests failed \(50%\); latest: 401 "The API client of this token was revoked"/);
    const refused = await db.prisma.activityLog.findMany({ where: { directoryId, status: 401 }, select: { clientId: true, errorDetail: true } });
    expect(refused).toHaveLength(4);
    expect(refused.every((r) => r.clientId === clientId)).toBe(true);
  });

  it("marks silent after 2 hours while the cadence is unknown, but never an inactive directory", async () => {
    advance(3600_000);
    const once = await newTenant(h, "One cycle");
    await once.scim("GET", "/Users?count=1");
    const off = await newTenant(h, "Switched off");
    await off.scim("GET", "/Users?count=1");
    await h.database.current.db.prisma.directory.update({ where: { id: off.directoryId }, data: { active: false } });
    const last = clock;
    expect((await detectSilence({ now: new Date(last + 2 * 3600_000 - 1000) })).silenced).not.toContain(once.directoryId);
    const result = await detectSilence({ now: new Date(last + 2 * 3600_000 + 1000) });
    expect(result.silenced).toContain(once.directoryId);
    expect(result.silenced).not.toContain(off.directoryId);
    expect((await healthOf(h, once.directoryId)).reason).toMatch(/no cadence observed yet, so 2 h is the limit/);
    // The job is the same pass on the real clock.
    expect(syncSilenceJob.name).toBe("sync-silence");
    advance(3 * 3600_000);
    const quiet = await newTenant(h, "Quiet");
    await quiet.scim("GET", "/Users?count=1");
    advance(2 * 3600_000 + 1000);
    await syncSilenceJob.run({ signal: new AbortController().signal });
    expect((await healthOf(h, quiet.directoryId)).state).toBe("silent");
  });

  it("groups error answers by status, scimType and the detail without ids and names, with an example request", async () => {
    advance(3600_000);
    const { directoryId, scim } = await newTenant(h, "Errors");
    const started = new Date(clock);
    await scim("POST", "/Users", user("carol@example.com"));
    await scim("POST", "/Users", user("dave@example.com"));
    for (const name of ["carol@example.com", "dave@example.com", "carol@example.com"]) expect((await scim("POST", "/Users", user(name))).status).toBe(409);
    for (const id of ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"]) expect((await scim("GET", `/Users/${id}`)).status).toBe(404);
    advance(GAP_MS + 1); // errors of two cycles add up over the period
    expect((await scim("POST", "/Users", user("dave@example.com"))).status).toBe(409);

    const top = await listTopErrors({ directoryId, since: started });
    expect(top.map((e) => [e.count, e.status, e.scimType, e.reason])).toEqual([
      [4, 409, "uniqueness", 'userName "…" is already in use in this directory'],
      [2, 404, null, "User … not found"],
    ]);
    expect(top[0].firstSeenAt.getTime()).toBe(started.getTime());
    expect(top[0].lastSeenAt.getTime()).toBe(clock);
    const example = await h.database.current.db.prisma.activityLog.findUniqueOrThrow({ where: { id: top[0].exampleActivityId } });
    expect(example).toMatchObject({ directoryId, status: 409, scimType: "uniqueness" });
    // A period after them: none.
    expect(await listTopErrors({ directoryId, since: new Date(clock + 1) })).toEqual([]);
  });

  it("prunes cycles and error reasons past retention, but never a directory's current cycle", async () => {
    const prisma = h.database.current.db.prisma;
    expect(await prisma.syncError.count()).toBeGreaterThan(0);
    const current = (await prisma.syncHealth.findMany({ select: { cycleId: true } })).map((r) => r.cycleId!);
    expect(await prisma.syncCycle.count()).toBeGreaterThan(current.length);
    // Nothing is past 30 days yet.
    expect(await pruneSyncHistory({ now: new Date(clock), retentionDays: 30 })).toEqual({ cycles: 0, errors: 0, more: false });
    const result = await pruneSyncHistory({ now: new Date(clock + 31 * 86_400_000), retentionDays: 30, batchSize: 2 });
    expect(result.more).toBe(true);
    while ((await pruneSyncHistory({ now: new Date(clock + 31 * 86_400_000), retentionDays: 30, batchSize: 2 })).more);
    expect(await prisma.syncError.count()).toBe(0);
    expect((await prisma.syncCycle.findMany({ select: { id: true } })).map((c) => c.id).sort()).toEqual([...current].sort());
    // 0 keeps everything.
    expect(await pruneSyncHistory({ now: new Date(clock + 3650 * 86_400_000), retentionDays: 0 })).toEqual({ cycles: 0, errors: 0, more: false });
  });
});
