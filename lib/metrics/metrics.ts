// Roster's Prometheus metrics (prom-client), one registry per process: `npm start` loads lib/ twice,
// and both copies must count into the registry /api/metrics reads, so it lives in the process registry.
// Counted as things happen: machine requests (lib/http/handle-machine-request.ts), events written
// (lib/events/record-events.ts), webhook attempts (lib/webhooks). Read at scrape time: the PostgreSQL pool, webhook endpoints' state and lag.
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { getDb } from "@/lib/db/client";
import { readFeedState } from "@/lib/events/feed-state";
import { processRegistry } from "@/lib/process-registry";

export interface RosterMetrics {
  registry: Registry;
  requests: Counter<"protocol" | "directory" | "operation" | "status">;
  duration: Histogram<"protocol" | "operation">;
  tokens: Counter<"outcome">;
  events: Counter<"type">;
  webhookAttempts: Counter<"kind" | "outcome">;
  webhookDuration: Histogram<"kind" | "outcome">;
}

export function metrics(): RosterMetrics {
  const registry = processRegistry();
  return (registry.metrics ??= createMetrics());
}

function createMetrics(): RosterMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: "roster_requests_total",
    help: "Machine-facing requests answered (SCIM, token endpoint, /api/v1), by directory (\"\" when unknown), operation and status",
    labelNames: ["protocol", "directory", "operation", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "roster_request_duration_seconds",
    help: "Time to answer a machine-facing request",
    labelNames: ["protocol", "operation"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const tokens = new Counter({ name: "roster_tokens_total", help: "Token endpoint answers: issued or failed", labelNames: ["outcome"] as const, registers: [registry] });
  const events = new Counter({
    name: "roster_events_written_total",
    help: "Events written, counted when their transaction committed",
    labelNames: ["type"] as const,
    registers: [registry],
  });
  const webhookAttempts = new Counter({
    name: "roster_webhook_attempts_total",
    help: "Webhook requests made, by kind (delivery, resend, test) and outcome (success: a 2xx answer; failure: anything else or no answer)",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
  });
  const webhookDuration = new Histogram({
    name: "roster_webhook_attempt_duration_seconds",
    help: "Time from sending a webhook request to its answer (or to giving up on it)",
    labelNames: ["kind", "outcome"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers: [registry],
  });
  new Gauge({
    name: "roster_db_pool_connections",
    help: "PostgreSQL pool connections by state (total, idle, waiting clients, max); absent on SQLite",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const stats = getDb().sql.poolStats?.();
      if (!stats) return;
      for (const [state, n] of Object.entries(stats)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: "roster_webhook_endpoints",
    help: "Webhook endpoints: enabled, disabled, failing (enabled with failed deliveries of the event at their head)",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      const db = getDb();
      const [row] = await db.sql.query<{ enabled: unknown; disabled: unknown; failing: unknown }>(
        `SELECT SUM(CASE WHEN "enabled" THEN 1 ELSE 0 END) AS "enabled", SUM(CASE WHEN "enabled" THEN 0 ELSE 1 END) AS "disabled",
                SUM(CASE WHEN "enabled" AND "failingSince" IS NOT NULL THEN 1 ELSE 0 END) AS "failing" FROM "WebhookEndpoint"`,
      );
      for (const state of ["enabled", "disabled", "failing"] as const) this.set({ state }, Number(row?.[state] ?? 0));
    },
  });
  new Gauge({
    name: "roster_webhook_lag_events",
    help: "Feed positions an enabled webhook endpoint is behind the events feed",
    labelNames: ["endpoint"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const db = getDb();
      // The feed's head as its readers see it (on SQLite EventFeedState.lastSeq is only a floor).
      const { lastSeq } = await readFeedState(db.sql);
      const rows = await db.sql.query<{ id: string; cursor: unknown }>(`SELECT "id", "cursor" FROM "WebhookEndpoint" WHERE "enabled"`);
      for (const row of rows) this.set({ endpoint: String(row.id) }, Math.max(0, lastSeq - Number(row.cursor)));
    },
  });
  return { registry, requests, duration, tokens, events, webhookAttempts, webhookDuration };
}

export interface RequestSample {
  protocol: string;
  directoryId?: string;
  operation: string;
  status: number;
  durationMs: number;
}

/** Counts one answered machine request: a few in-memory increments. */
export function observeRequest(sample: RequestSample): void {
  const m = metrics();
  m.requests.inc({ protocol: sample.protocol, directory: sample.directoryId ?? "", operation: sample.operation, status: String(sample.status) });
  m.duration.observe({ protocol: sample.protocol, operation: sample.operation }, sample.durationMs / 1000);
  if (sample.protocol === "oauth" && sample.operation.startsWith("token.")) m.tokens.inc({ outcome: sample.status < 300 ? "issued" : "failed" });
}

/** Counts one webhook request and its latency. */
export function observeWebhookAttempt(kind: string, ok: boolean, latencyMs: number): void {
  const m = metrics();
  const labels = { kind, outcome: ok ? "success" : "failure" };
  m.webhookAttempts.inc(labels);
  m.webhookDuration.observe(labels, latencyMs / 1000);
}
