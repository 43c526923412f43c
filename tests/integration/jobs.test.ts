// Background jobs on both databases: one holder at a time per job (the lease), a crashed holder's
// lease expires and another instance takes over, a long pass keeps its lease, the in-process loop runs
// a job once per period across two instances, and the cron route (its authentication, and a pass of
// the expired-tokens job through it). Retention as a job: reliability-activity-retention.test.ts.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { handleCronRequest } from "@/lib/http/handle-cron-request";
import { defineJob } from "@/lib/jobs/define-job";
import { startJobLoop } from "@/lib/jobs/job-loop";
import { acquireLease } from "@/lib/jobs/lease";
import { runJob } from "@/lib/jobs/run-job";
import { DATABASE_KINDS } from "../support/database";
import { restoreTestEnv, setTestEnv } from "../support/settings";
import { useScimHarness } from "../support/scim-harness";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job that records how many passes overlap (never more than one, if the lease holds). */
function overlapJob(name: string, passMs: number, options: { everyMs?: number; leaseMs?: number } = {}) {
  const seen = { active: 0, maxActive: 0, passes: 0 };
  const job = defineJob({
    name,
    everyMs: options.everyMs ?? 1000,
    leaseMs: options.leaseMs,
    async run() {
      seen.active++;
      seen.maxActive = Math.max(seen.maxActive, seen.active);
      seen.passes++;
      await sleep(passMs);
      seen.active--;
    },
  });
  return { job, seen };
}

const cron = (path: string, authorization?: string, method = "POST") =>
  handleCronRequest(new Request(`http://localhost/api/cron/${path}`, { method, headers: authorization ? { authorization } : {} }));

describe.each(DATABASE_KINDS)("background jobs on %s", (kind) => {
  const h = useScimHarness(kind);
  afterEach(() => {
    restoreTestEnv();
  });

  it("two runners on one database never run a job at the same time, and a due job runs once", async () => {
    const { job, seen } = overlapJob(`overlap-${kind}`, 50);
    let ran = 0;
    for (let round = 0; round < 10; round++) {
      // force: the lease is the only guard; one may take it as soon as another has released it.
      const results = await Promise.all(["runner-a", "runner-b", "runner-c"].map((holder) => runJob(job, { holder, force: true })));
      ran += results.filter((r) => r.ran).length;
    }
    expect(seen.maxActive).toBe(1);
    expect(seen.passes).toBe(ran);
    expect(ran).toBeGreaterThanOrEqual(10);
    // Not forced: due once per period, so exactly one of them runs it.
    const due = overlapJob(`due-${kind}`, 50, { everyMs: 60_000 });
    const results = await Promise.all(["runner-a", "runner-b", "runner-c"].map((holder) => runJob(due.job, { holder })));
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(await runJob(due.job, { holder: "runner-a" })).toEqual({ ran: false });
  });

  it("a crashed holder's lease expires and another runner takes over", async () => {
    const { job, seen } = overlapJob(`crash-${kind}`, 0, { leaseMs: 1500 });
    // "crashed" took the lease and never came back to release it.
    expect(await acquireLease({ name: job.name, holder: "crashed", leaseMs: job.leaseMs })).toBe(true);
    expect(await runJob(job, { holder: "survivor", force: true })).toEqual({ ran: false });
    await sleep(1600);
    expect(await runJob(job, { holder: "survivor", force: true })).toMatchObject({ ran: true, more: false });
    expect(seen.passes).toBe(1);
    const lease = await h.database.current.db.prisma.jobLease.findUnique({ where: { name: job.name } });
    expect(lease).toMatchObject({ holder: "survivor", leasedUntil: null, lastError: null });
    expect(lease?.lastRunAt).toBeInstanceOf(Date);
  });

  it("a pass longer than its lease keeps it (renewed while running); a failure is recorded", async () => {
    const { job } = overlapJob(`long-${kind}`, 1500, { leaseMs: 600 });
    const long = runJob(job, { holder: "long", force: true });
    await sleep(1000);
    expect(await runJob(job, { holder: "other", force: true })).toEqual({ ran: false });
    expect(await long).toMatchObject({ ran: true });
    const failing = defineJob({ name: `failing-${kind}`, everyMs: 1000, run: () => Promise.reject(new Error("receiver down")) });
    expect(await runJob(failing, { holder: "a", force: true })).toMatchObject({ ran: true, error: "receiver down" });
    expect((await h.database.current.db.prisma.jobLease.findUnique({ where: { name: failing.name } }))?.lastError).toBe("receiver down");
  });

  it("runs a job only when due: once per period across instances, not once per instance", async () => {
    const { job, seen } = overlapJob(`loop-${kind}`, 20, { everyMs: 1000 });
    const loops = [startJobLoop({ jobs: [job], holder: "instance-1", firstDelayMs: 50 }), startJobLoop({ jobs: [job], holder: "instance-2", firstDelayMs: 50 })];
    await sleep(3500);
    await Promise.all(loops.map((loop) => loop.stop()));
    expect(seen.maxActive).toBe(1);
    // About one pass a second in all (the first at start), never one per instance per second.
    expect(seen.passes).toBeGreaterThanOrEqual(2);
    expect(seen.passes).toBeLessThanOrEqual(5);
  });

  it("the cron route: 401 without the secret (or with none configured), 404 for an unknown job, one pass otherwise", async () => {
    const db = h.database.current.db.prisma;
    expect((await cron("expired-tokens")).status).toBe(401);
    expect((await cron("expired-tokens", "Bearer anything")).status).toBe(401);
    setTestEnv({ CRON_SECRET: "cron-secret-for-tests" });
    const refused = await cron("expired-tokens", "Bearer cron-secret-for-test");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain("Bearer");
    expect(await refused.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    expect((await cron("expired-tokens", "cron-secret-for-tests")).status).toBe(401);
    // The job name is checked only after the secret, so it cannot be probed.
    expect((await cron("no-such-job")).status).toBe(401);
    const unknown = await cron("no-such-job", "Bearer cron-secret-for-tests");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");

    const dir = await h.newDirectory("Cron");
    const client = await db.apiClient.findFirstOrThrow({ where: { directoryId: dir.directoryId } });
    await db.accessToken.createMany({
      data: Array.from({ length: 5 }, () => ({ tokenHash: randomUUID(), clientId: client.id, directoryId: dir.directoryId, expiresAt: new Date(Date.now() - 60_000) })),
    });
    for (const method of ["GET", "POST"]) {
      const ran = await cron("expired-tokens", "Bearer cron-secret-for-tests", method);
      expect(ran.status).toBe(200);
      expect(await ran.json()).toEqual({ job: "expired-tokens", ran: true, more: false });
    }
    expect(await db.accessToken.count({ where: { expiresAt: { lt: new Date() } } })).toBe(0);
    // The token newDirectory was issued is still valid and stays.
    expect(await db.accessToken.count({ where: { directoryId: dir.directoryId } })).toBe(1);
  });
});
