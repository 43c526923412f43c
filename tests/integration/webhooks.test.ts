// Webhooks against a real receiver on 127.0.0.1, on both databases: Standard Webhooks signatures
// checked by the `standardwebhooks` package's own verifier, the feed delivered in order, retries after
// 500s, timeouts and refused connections, 410 and three days of failure disabling the endpoint, replay,
// resend, rotation, SSRF refusals at creation and at delivery, and two instances delivering each
// attempt exactly once.
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { handleCronRequest } from "@/lib/http/handle-cron-request";
import type { FeedEvent } from "@/lib/directory-data/feed-event";
import { createGroup } from "@/lib/provisioning/create-group";
import { createUser } from "@/lib/provisioning/create-user";
import { patchUser } from "@/lib/provisioning/patch-user";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { deliverWebhooks } from "@/lib/webhooks/deliver-webhooks";
import type { Resolver } from "@/lib/webhooks/destination";
import { listWebhookAttempts } from "@/lib/webhooks/list-webhook-attempts";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { replayWebhookEvents } from "@/lib/webhooks/replay-webhook-events";
import { resendWebhookEvent } from "@/lib/webhooks/resend-webhook-event";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { setWebhookEnabled } from "@/lib/webhooks/set-webhook-enabled";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { GROUP_SCHEMA, PATCH_SCHEMA, provisioningContext, USER_SCHEMA, walkFeed } from "../support/events";
import { restoreTestEnv, setTestEnv } from "../support/settings";
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from "../support/webhook-receiver";
import { TEST_ACTOR } from "../support/audit";

const LOCAL = { ROSTER_WEBHOOK_ALLOW_HTTP: "true", ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" } as const;

function verified(secret: string, r: ReceivedWebhook): FeedEvent {
  return new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as FeedEvent;
}

describe.each(DATABASE_KINDS)("webhooks on %s", (kind) => {
  const database = useTestDatabase(kind);
  const db = () => database.current.db;
  let receiver: WebhookReceiver;
  let n = 0;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(async () => {
    setTestEnv(LOCAL);
    receiver.received.length = 0;
    receiver.script.length = 0;
    receiver.status = 204;
    // Each test's endpoints are its own: earlier ones would receive its events too.
    await db().prisma.webhookEndpoint.deleteMany({});
  });
  afterEach(() => restoreTestEnv());

  async function directoryWithUsers(users: number) {
    const d = await db().prisma.directory.create({ data: { name: `d${++n}`, active: true } });
    const ctx = provisioningContext(db(), d.id);
    const ids: string[] = [];
    for (let i = 0; i < users; i++) ids.push((await createUser({ ctx, body: { schemas: [USER_SCHEMA], userName: `u${n}-${i}@example.com` } })).id);
    return { ctx, ids };
  }

  /** Passes until nothing is left to do now (a failure schedules its retry in the future). */
  async function drain(holder = "test", extra: Partial<Parameters<typeof deliverWebhooks>[0]> = {}) {
    for (let i = 0; i < 20; i++) {
      const r = await deliverWebhooks({ db: db(), holder, ...extra });
      if (!r.more && !r.delivered) return;
    }
  }

  it("delivers the feed in feed order, each request signed per Standard Webhooks, body = the feed's event", async () => {
    const { webhook, secret } = await createWebhook({ url: receiver.url, actor: TEST_ACTOR });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const before = (await walkFeed(db())).next;
    const { ctx, ids } = await directoryWithUsers(3);
    await createGroup({ ctx, body: { schemas: [GROUP_SCHEMA], displayName: "G", members: ids.map((value) => ({ value })) } });
    await patchUser({ ctx, userId: ids[0], body: { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "displayName", value: "Renamed" }] } });
    await drain();
    const feed = (await walkFeed(db(), { after: before })).events;
    expect(feed.length).toBe(3 + 1 + 3 + 1);
    const got = receiver.received.map((r) => verified(secret, r));
    expect(got).toEqual(JSON.parse(JSON.stringify(feed)));
    // The body is byte for byte the feed's JSON of the event; webhook-id is the event id.
    for (const [i, r] of receiver.received.entries()) {
      expect(r.body).toBe(JSON.stringify(feed[i]));
      expect(r.headers["webhook-id"]).toBe(feed[i].id);
      expect(r.headers["content-type"]).toBe("application/json");
    }
    // A wrong secret does not verify.
    expect(() => verified("whsec_" + Buffer.alloc(32, 1).toString("base64"), receiver.received[0])).toThrow();
    const attempts = await listWebhookAttempts({ webhookId: webhook.id });
    expect(attempts).toHaveLength(feed.length);
    expect(attempts.every((a) => a.ok && a.statusCode === 204 && a.attempt === 1)).toBe(true);
    const [listed] = await listWebhooks();
    expect(listed).toMatchObject({ id: webhook.id, attempts24h: feed.length, succeeded24h: feed.length, failingSince: null });
    expect(listed).not.toHaveProperty("secret");
    // Nothing new: nothing sent again.
    await drain();
    expect(receiver.received).toHaveLength(feed.length);
  });

  it("filters by directory and event type", async () => {
    const a = await directoryWithUsers(0);
    const b = await directoryWithUsers(0);
    const { secret } = await createWebhook({ url: receiver.url, directoryIds: [a.ctx.directoryId], eventTypes: ["user.updated"], actor: TEST_ACTOR });
    const ua = await createUser({ ctx: a.ctx, body: { schemas: [USER_SCHEMA], userName: "fa@example.com" } });
    const ub = await createUser({ ctx: b.ctx, body: { schemas: [USER_SCHEMA], userName: "fb@example.com" } });
    for (const [ctx, id] of [[a.ctx, ua.id], [b.ctx, ub.id]] as const) {
      await patchUser({ ctx, userId: id, body: { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "displayName", value: "X" }] } });
    }
    await drain();
    expect(receiver.received.map((r) => verified(secret, r)).map((e) => [e.type, e.directoryId])).toEqual([["user.updated", a.ctx.directoryId]]);
  });

  it("retries after a 500, a timeout and a refused connection, blocking the queue so order holds", async () => {
    const { webhook, secret } = await createWebhook({ url: receiver.url, actor: TEST_ACTOR });
    await directoryWithUsers(2);
    receiver.script.push(500, "hang");
    let clock = Date.now();
    // A tick per reading, so the log's order (by time) is the order of the attempts.
    const now = () => new Date(clock++);
    await drain("test", { now, timeoutMs: 300 });
    let attempts = await listWebhookAttempts({ webhookId: webhook.id });
    expect(attempts.map((a) => [a.attempt, a.ok, a.statusCode, a.responseExcerpt])).toEqual([[1, false, 500, "answer 500"]]);
    expect(attempts[0].nextRetryAt!.getTime()).toBeGreaterThan(clock + 3000);
    let state = await db().prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(state).toMatchObject({ headAttempts: 1, enabled: true });
    expect(state.failingSince).not.toBeNull();
    // Not due yet: nothing is sent.
    await drain("test", { now, timeoutMs: 300 });
    expect(await listWebhookAttempts({ webhookId: webhook.id })).toHaveLength(1);
    // Due: the second attempt times out.
    clock = state.nextAttemptAt.getTime() + 1;
    await drain("test", { now, timeoutMs: 300 });
    attempts = await listWebhookAttempts({ webhookId: webhook.id });
    expect(attempts[0]).toMatchObject({ attempt: 2, ok: false, statusCode: null });
    expect(attempts[0].error).toMatch(/^timeout/);
    // Third: the receiver is down (connection refused).
    state = await db().prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(state.nextAttemptAt.getTime() - clock).toBeGreaterThan(10_000 * 0.8 - 1);
    const port = receiver.port;
    await receiver.close();
    clock = state.nextAttemptAt.getTime() + 1;
    await drain("test", { now, timeoutMs: 300 });
    attempts = await listWebhookAttempts({ webhookId: webhook.id });
    expect(attempts[0]).toMatchObject({ attempt: 3, ok: false, error: "connection refused" });
    // Back up: the head event goes through (attempt 4), then the rest in order.
    receiver = await startWebhookReceiver({ port });
    state = await db().prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.id } });
    clock = state.nextAttemptAt.getTime() + 1;
    await drain("test", { now, timeoutMs: 300 });
    attempts = await listWebhookAttempts({ webhookId: webhook.id });
    expect(attempts.map((a) => [a.attempt, a.ok]).reverse()).toEqual([[1, false], [2, false], [3, false], [4, true], [1, true]]);
    const delivered = receiver.received.map((r) => verified(secret, r).id);
    expect(delivered).toEqual([attempts[1].eventId, attempts[0].eventId]);
    state = await db().prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(state).toMatchObject({ headAttempts: 0, failingSince: null });
  });

  it("follows no redirect: a 307 to a URL that would accept is a failed attempt, retried at the endpoint's own URL", async () => {
    const { webhook } = await createWebhook({ url: receiver.url, actor: TEST_ACTOR });
    await directoryWithUsers(1);
    const asked = receiver.count;
    receiver.script.push(307);
    await drain();
    const [attempt] = await listWebhookAttempts({ webhookId: webhook.id });
    expect(attempt).toMatchObject({ attempt: 1, ok: false, statusCode: 307, responseExcerpt: "answer 307" });
    expect(attempt.nextRetryAt).not.toBeNull();
    // Only the endpoint's own URL was requested; the redirect's target never was.
    expect(receiver.received).toHaveLength(1);
    expect(receiver.count - asked).toBe(1);
  });

  it("disables the endpoint at once on 410 Gone, and after failing for three days", async () => {
    const gone = await createWebhook({ url: receiver.url, actor: TEST_ACTOR });
    await directoryWithUsers(1);
    receiver.script.push(410);
    await drain();
    const g = await db().prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: gone.webhook.id } });
    expect(g.enabled).toBe(false);
    expect(g.disabledReason).toMatch(/410 Gone/);
    await deleteWebhook({ webhookId: gone.webhook.id, actor: TEST_ACTOR });

    const failing = await createWebhook({ url: receiver.url, actor: TEST_ACTOR });
    await directoryWithUsers(1);
    receiver.status = 503;
    await drain();
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000 - 1000);
    await db().prisma.webhookEndpoint.update({ where: { id: failing.webhook.id }, data: { failingSince: threeDaysAgo, nextAttemptAt: new Date(0) } });
    await drain();
    const f = await db().prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: failing.webhook.id } });
    expect(f.enabled).toBe(false);
    expect(f.disabledReason).toMatch(/^Failing since .* \(3 days\); last attempt: HTTP 503$/);
    // Disabled: nothing more is sent, even when due.
    const count = receiver.received.length;
    await directoryWithUsers(1);
    await drain();
    expect(receiver.received).toHaveLength(count);
    // Enabled again: the queue resumes where it stopped.
    receiver.status = 200;
    await setWebhookEnabled({ webhookId: failing.webhook.id, enabled: true, actor: TEST_ACTOR });
    await drain();
    expect(receiver.received.length).toBe(count + 2);
    expect((await listWebhooks())[0]).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it("replays every event since a time, resends one, and sends a test event", async () => {
    await directoryWithUsers(2);
    const since = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const { webhook, secret } = await createWebhook({ url: receiver.url, actor: TEST_ACTOR });
    await directoryWithUsers(1);
    await drain();
    expect(receiver.received).toHaveLength(1);
    const feed = (await walkFeed(db())).events;
    const sinceEvents = feed.filter((e) => new Date(e.occurredAt) >= since);
    await replayWebhookEvents({ webhookId: webhook.id, since, actor: TEST_ACTOR });
    await drain();
    expect(receiver.received.slice(1).map((r) => verified(secret, r).id)).toEqual(sinceEvents.map((e) => e.id));

    receiver.received.length = 0;
    const resent = await resendWebhookEvent({ webhookId: webhook.id, eventId: feed[0].id });
    expect(resent).toMatchObject({ ok: true, statusCode: 204 });
    expect(verified(secret, receiver.received[0]).id).toBe(feed[0].id);
    await expect(resendWebhookEvent({ webhookId: webhook.id, eventId: "no-such-event" })).rejects.toThrow(/No such event/);

    const test = await sendTestWebhook({ webhookId: webhook.id });
    expect(test.ok).toBe(true);
    expect(verified(secret, receiver.received[1])).toMatchObject({ id: test.eventId, type: "webhook.test", directoryId: null, data: { webhookId: webhook.id } });
    const kinds = (await listWebhookAttempts({ webhookId: webhook.id })).map((a) => a.kind);
    expect(kinds.slice(0, 2)).toEqual(["test", "resend"]);
  });

  it("signs with the old and the new secret for 24 hours after a rotation", async () => {
    const { webhook, secret: old } = await createWebhook({ url: receiver.url, actor: TEST_ACTOR });
    const { secret: fresh, previousSecretExpiresAt } = await rotateWebhookSecret({ webhookId: webhook.id, actor: TEST_ACTOR });
    expect(fresh).not.toBe(old);
    expect(previousSecretExpiresAt.getTime() - Date.now()).toBeGreaterThan(86_400_000 - 60_000);
    await directoryWithUsers(1);
    await drain();
    const [r] = receiver.received;
    expect(String(r.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verified(fresh, r).id).toBe(verified(old, r).id);
    // After the overlap only the new secret signs.
    await db().prisma.webhookEndpoint.update({ where: { id: webhook.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1) } });
    await directoryWithUsers(1);
    await drain();
    const last = receiver.received.at(-1)!;
    expect(String(last.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(() => verified(old, last)).toThrow();
    expect(verified(fresh, last).type).toBe("user.created");
  });

  it("refuses private destinations at creation and at delivery unless allowed", async () => {
    setTestEnv({ ROSTER_WEBHOOK_ALLOW_HTTP: "false", ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "false" });
    await expect(createWebhook({ url: "http://example.com/hook", actor: TEST_ACTOR })).rejects.toThrow(/https:\/\//);
    await expect(createWebhook({ url: "ftp://example.com/hook", actor: TEST_ACTOR })).rejects.toThrow(/https:\/\//);
    await expect(createWebhook({ url: "https://user:pw@example.com/hook", actor: TEST_ACTOR })).rejects.toThrow(/passwords/);
    for (const url of [
      "https://127.0.0.1/hook",
      "https://10.1.2.3/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/hook",
      "https://[::ffff:127.0.0.1]/hook",
      "https://[fd00:ec2::254]/hook",
      "https://[fe80::1]/hook",
      "https://0.0.0.0/hook",
      // A name that resolves to loopback, through the system resolver.
      "https://localhost/hook",
    ]) {
      await expect(createWebhook({ url, actor: TEST_ACTOR }), url).rejects.toThrow(/private networks/);
    }
    const evil: Resolver = async () => [{ address: "192.168.1.10", family: 4 }];
    await expect(createWebhook({ url: "https://rebind.example/hook", resolve: evil, actor: TEST_ACTOR })).rejects.toThrow(/rebind\.example resolves to 192\.168\.1\.10/);
    const publicDns: Resolver = async () => [{ address: "93.184.215.14", family: 4 }];
    const { webhook } = await createWebhook({ url: "https://rebind.example/hook", resolve: publicDns, actor: TEST_ACTOR });

    // DNS rebinding: the name now resolves to 127.0.0.1; delivery checks again and refuses.
    const rebound: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
    await directoryWithUsers(1);
    await drain("test", { resolve: rebound });
    const [attempt] = await listWebhookAttempts({ webhookId: webhook.id });
    expect(attempt).toMatchObject({ ok: false, statusCode: null });
    expect(attempt.error).toMatch(/^refused: rebind\.example resolves to 127\.0\.0\.1/);

    // An endpoint saved while private networks were allowed is refused once they are not.
    setTestEnv(LOCAL);
    const local = await createWebhook({ url: receiver.url, actor: TEST_ACTOR });
    setTestEnv({ ...LOCAL, ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "false" });
    await directoryWithUsers(1);
    await drain();
    expect(receiver.received).toHaveLength(0);
    expect((await listWebhookAttempts({ webhookId: local.webhook.id }))[0].error).toMatch(/^refused: 127\.0\.0\.1/);
  });

  it("GET /api/cron/webhooks (CRON_SECRET) makes one delivery pass", async () => {
    const { secret } = await createWebhook({ url: receiver.url, actor: TEST_ACTOR });
    await directoryWithUsers(2);
    const cron = (authorization?: string) => handleCronRequest(new Request("http://localhost/api/cron/webhooks", { headers: authorization ? { authorization } : {} }));
    setTestEnv({ ...LOCAL, CRON_SECRET: "cron-secret-for-webhooks" });
    expect((await cron()).status).toBe(401);
    expect(receiver.received).toHaveLength(0);
    const ran = await cron("Bearer cron-secret-for-webhooks");
    expect(ran.status).toBe(200);
    expect(await ran.json()).toEqual({ job: "webhooks", ran: true, more: false });
    expect(receiver.received.map((r) => verified(secret, r).type)).toEqual(["user.created", "user.created"]);
  });

  it("two instances on one database make each attempt exactly once", async () => {
    const endpoints = await Promise.all([1, 2, 3, 4].map(() => createWebhook({ url: receiver.url, actor: TEST_ACTOR })));
    const { ctx } = await directoryWithUsers(0);
    const second = createDb(database.current.config);
    try {
      const writes = (async () => {
        for (let i = 0; i < 40; i++) await createUser({ ctx, body: { schemas: [USER_SCHEMA], userName: `two-${i}@example.com` } });
      })();
      const instance = async (handle: typeof second, holder: string) => {
        for (let i = 0; i < 30; i++) {
          await deliverWebhooks({ db: handle, holder, concurrency: 2, batchSize: 7 });
          await new Promise((r) => setTimeout(r, 5));
        }
      };
      await Promise.all([writes, instance(db(), "instance-a"), instance(second, "instance-b")]);
      await deliverWebhooks({ db: db(), holder: "instance-a" });
    } finally {
      await second.prisma.$disconnect();
    }
    // Every request verifies with one of the four endpoints' secrets.
    for (const r of receiver.received) expect(endpoints.some((e) => { try { verified(e.secret, r); return true; } catch { return false; } })).toBe(true);
    const seen = receiver.received.map((r) => String(r.headers["webhook-id"]));
    const perEndpoint = new Map<string, number>();
    for (const id of seen) perEndpoint.set(id, (perEndpoint.get(id) ?? 0) + 1);
    // 40 events × 4 endpoints, each (event, endpoint) exactly once.
    expect(seen).toHaveLength(160);
    expect([...perEndpoint.values()].every((c) => c === 4)).toBe(true);
    const attempts = await db().prisma.webhookAttempt.count();
    expect(attempts).toBe(160);
  });
});
