// GET /api/metrics on both databases: off without ROSTER_METRICS_TOKEN, refused without the token, and
// the exposition, parsed by a Prometheus text-format parser, counts the requests, tokens and events
// of a provisioning run and the webhook attempts of a delivery pass. (The registry is one per process:
// counts are compared before and after.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { apiRouteFor } from "@/lib/http/api-routes";
import { handleMetricsRequest } from "@/lib/metrics/handle-metrics-request";
import { DATABASE_KINDS } from "@/tests/support/database";
import { USER_SCHEMA } from "@/tests/support/events";
import { useScimHarness } from "@/tests/support/scim-harness";
import { restoreTestEnv, setTestEnv } from "@/tests/support/settings";
import { TEST_ACTOR } from "@/tests/support/audit";
import { startWebhookReceiver } from "@/tests/support/webhook-receiver";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { deliverWebhooks } from "@/lib/webhooks/deliver-webhooks";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { inTransaction } from "@/lib/db/transaction";
import { recordEvents } from "@/lib/events/record-events";

const TOKEN = "metrics-token-for-tests-0123456789";

interface Sample {
  labels?: Record<string, string>;
  value?: string;
}
interface Family {
  name: string;
  type: string;
  metrics: Sample[];
}

let lastText = "";

async function scrape(): Promise<Family[]> {
  const res = await handleMetricsRequest(new Request("http://roster.test/api/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  lastText = await res.text();
  return parsePrometheusTextFormat(lastText) as Family[];
}

/** A histogram's observation count for exact labels, from the text (the parser keeps only a histogram's buckets). */
function histogramCount(text: string, name: string, labels: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}_count{${labels}} `));
  return line ? Number(line.split(" ")[1]) : 0;
}

/** The sum of a family's samples whose labels include `labels`. */
function total(families: Family[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  return (family?.metrics ?? [])
    .filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
    .reduce((sum, m) => sum + Number(m.value ?? 0), 0);
}

describe.each(DATABASE_KINDS)("/api/metrics on %s", (kind) => {
  const h = useScimHarness(kind);
  beforeAll(() => setTestEnv({ ROSTER_METRICS_TOKEN: TOKEN }));
  afterAll(() => restoreTestEnv());

  it("is off (404) while ROSTER_METRICS_TOKEN is unset, and served by npm start's fast path", async () => {
    setTestEnv({ ROSTER_METRICS_TOKEN: undefined });
    const res = await handleMetricsRequest(new Request("http://roster.test/api/metrics"));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
    setTestEnv({ ROSTER_METRICS_TOKEN: TOKEN });
    expect(apiRouteFor("GET", "/api/metrics")).toBeDefined();
    expect(apiRouteFor("GET", "/api/metricsx")).toBeUndefined();
  });

  it("refuses a scrape without the token or with a wrong one", async () => {
    for (const authorization of [undefined, "Bearer wrong", `Bearer ${TOKEN}x`, TOKEN]) {
      const res = await handleMetricsRequest(new Request("http://roster.test/api/metrics", { headers: authorization ? { authorization } : {} }));
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="roster-metrics"');
      expect(await res.text()).not.toContain("roster_requests_total");
    }
  });

  it("counts requests by directory, operation and status, latencies, tokens issued and failed, and events written", async () => {
    const before = await scrape();
    const durationsBefore = histogramCount(lastText, "roster_request_duration_seconds", 'protocol="scim",operation="user.create"');
    const { directoryId, token, clientId } = await h.newDirectory("Metered");
    const auth = { authorization: `Bearer ${token}` };
    expect((await h.scim("POST", "/Users", { schemas: [USER_SCHEMA], userName: "ada@metered.example" }, auth)).status).toBe(201);
    expect((await h.scim("POST", "/Users", { schemas: [USER_SCHEMA], userName: "ada@metered.example" }, auth)).status).toBe(409);
    expect((await h.scim("GET", "/Users?count=1", undefined, auth)).status).toBe(200);
    const denied = await h.raw("/api/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: "wrong" }),
    });
    expect(denied.status).toBe(401);
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string> = {}) => total(after, name, labels) - total(before, name, labels);
    expect(delta("roster_requests_total", { directory: directoryId, operation: "user.create", status: "201" })).toBe(1);
    expect(delta("roster_requests_total", { directory: directoryId, operation: "user.create", status: "409" })).toBe(1);
    expect(delta("roster_requests_total", { directory: directoryId, operation: "user.list", status: "200" })).toBe(1);
    expect(delta("roster_requests_total", { directory: directoryId, protocol: "oauth" })).toBe(2);
    expect(histogramCount(lastText, "roster_request_duration_seconds", 'protocol="scim",operation="user.create"') - durationsBefore).toBe(2);
    expect(delta("roster_tokens_total", { outcome: "issued" })).toBe(1);
    expect(delta("roster_tokens_total", { outcome: "failed" })).toBe(1);
    // The new user; the directory's health: new → healthy, then degraded by the refused token (1 of 5 failed).
    expect(delta("roster_events_written_total", { type: "user.created" })).toBe(1);
    expect(delta("roster_events_written_total", { type: "directory.health_changed" })).toBe(2);
    expect(after.find((f) => f.name === "roster_request_duration_seconds")?.type).toBe("HISTOGRAM");
    // The pool on PostgreSQL; SQLite has none. Webhook endpoints: none here, so every state is 0.
    if (kind === "postgresql") expect(total(after, "roster_db_pool_connections", { state: "max" })).toBeGreaterThan(0);
    else expect(total(after, "roster_db_pool_connections")).toBe(0);
    expect(total(after, "roster_webhook_endpoints", { state: "enabled" })).toBe(0);
  });

  it("counts webhook attempts by kind and outcome, with their latency", async () => {
    setTestEnv({ ROSTER_WEBHOOK_ALLOW_HTTP: "true", ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" });
    const receiver = await startWebhookReceiver();
    const db = h.database.current.db;
    try {
      await db.prisma.webhookEndpoint.deleteMany({});
      const { webhook } = await createWebhook({ url: receiver.url, actor: TEST_ACTOR });
      const { token } = await h.newDirectory("Hooked");
      const auth = { authorization: `Bearer ${token}` };
      await deliverWebhooks({ db, holder: "metrics-test" });
      const before = await scrape();
      const attemptsBefore = histogramCount(lastText, "roster_webhook_attempt_duration_seconds", 'kind="delivery",outcome="success"');
      expect((await h.scim("POST", "/Users", { schemas: [USER_SCHEMA], userName: "ada@hooked.example" }, auth)).status).toBe(201);
      const accepted = await deliverWebhooks({ db, holder: "metrics-test" });
      expect(accepted.delivered).toBeGreaterThan(0);
      const caughtUp = await scrape();
      expect(total(caughtUp, "roster_webhook_lag_events", { endpoint: webhook.id })).toBe(0);
      expect(total(caughtUp, "roster_webhook_endpoints", { state: "failing" })).toBe(0);
      receiver.status = 500;
      expect((await h.scim("POST", "/Users", { schemas: [USER_SCHEMA], userName: "bob@hooked.example" }, auth)).status).toBe(201);
      expect(await deliverWebhooks({ db, holder: "metrics-test" })).toMatchObject({ delivered: 0, failed: 1 });
      expect((await sendTestWebhook({ webhookId: webhook.id })).ok).toBe(false);
      const after = await scrape();
      // Endpoint state and lag are read at scrape time: enabled, failing at its head, and bob's event (at least) not delivered.
      expect(total(after, "roster_webhook_endpoints", { state: "enabled" })).toBe(1);
      expect(total(after, "roster_webhook_endpoints", { state: "failing" })).toBe(1);
      expect(after.find((f) => f.name === "roster_webhook_lag_events")?.metrics.map((m) => m.labels?.endpoint)).toEqual([webhook.id]);
      expect(total(after, "roster_webhook_lag_events", { endpoint: webhook.id })).toBeGreaterThanOrEqual(1);
      const delta = (labels: Record<string, string>) => total(after, "roster_webhook_attempts_total", labels) - total(before, "roster_webhook_attempts_total", labels);
      expect(delta({ kind: "delivery", outcome: "success" })).toBe(accepted.delivered);
      expect(delta({ kind: "delivery", outcome: "failure" })).toBe(1);
      expect(delta({ kind: "test", outcome: "failure" })).toBe(1);
      expect(histogramCount(lastText, "roster_webhook_attempt_duration_seconds", 'kind="delivery",outcome="success"') - attemptsBefore).toBe(accepted.delivered);
      expect(after.find((f) => f.name === "roster_webhook_attempt_duration_seconds")?.type).toBe("HISTOGRAM");
      await deleteWebhook({ webhookId: webhook.id, actor: TEST_ACTOR });
    } finally {
      await receiver.close();
      setTestEnv({ ROSTER_WEBHOOK_ALLOW_HTTP: undefined, ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: undefined });
    }
  });

  it("counts events once their transaction committed: not for an attempt retried after a conflict, nor a rollback", async () => {
    const { directoryId } = await h.newDirectory("Retried");
    const db = h.database.current.db;
    const event = { type: "directory.activated", resourceId: directoryId, data: { directory: { id: directoryId } } } as unknown as Parameters<typeof recordEvents>[2][number];
    const before = await scrape();
    let attempts = 0;
    await inTransaction(db, async (tx) => {
      await recordEvents(tx, { directoryId }, [event]);
      if (++attempts === 1) throw Object.assign(new Error("could not serialize access"), { code: "40001" });
    });
    expect(attempts).toBe(2);
    await expect(
      inTransaction(db, async (tx) => {
        await recordEvents(tx, { directoryId }, [event]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const after = await scrape();
    expect(total(after, "roster_events_written_total", { type: "directory.activated" }) - total(before, "roster_events_written_total", { type: "directory.activated" })).toBe(1);
  });
});
