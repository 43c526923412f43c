// Webhook delivery: how fast one endpoint receives a backlog (the whole events feed of the main run,
// replayed from its start) through deliverWebhooks, the function the "webhooks" job calls, to a
// receiver on this machine (node:http, answering 204); and the CLI step that subscribes an endpoint to
// a bench server, whose create throughput is then compared with the main server's.
import { execFileSync } from "node:child_process";
import { cliActor } from "@/lib/audit/actor";
import { createDb, setDbForTests } from "@/lib/db/client";
import { resolveDatabaseConfig } from "@/lib/db/config";
import { resetSettingsForTests } from "@/lib/settings";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deliverWebhooks } from "@/lib/webhooks/deliver-webhooks";
import { replayWebhookEvents } from "@/lib/webhooks/replay-webhook-events";
import { startWebhookReceiver } from "../../../tests/support/webhook-receiver";
import { log } from "../log";

/** The bench's receivers are http:// on 127.0.0.1. */
export const LOCAL_WEBHOOKS = { ROSTER_WEBHOOK_ALLOW_HTTP: "true", ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" };

export interface WebhookDeliveryResult {
  events: number;
  seconds: number;
  perSecond: number;
}

export async function runWebhookDelivery(databaseUrl: string, maxEvents = 50_000, budgetMs = 60_000): Promise<WebhookDeliveryResult> {
  Object.assign(process.env, LOCAL_WEBHOOKS);
  resetSettingsForTests();
  const db = createDb(resolveDatabaseConfig(databaseUrl));
  setDbForTests(db);
  const receiver = await startWebhookReceiver({ record: false });
  try {
    const { webhook } = await createWebhook({ url: receiver.url, description: "bench", actor: cliActor() });
    await replayWebhookEvents({ webhookId: webhook.id, since: new Date(0), actor: cliActor() });
    const started = performance.now();
    let events = 0;
    while (events < maxEvents && performance.now() - started < budgetMs) {
      const pass = await deliverWebhooks({ db, holder: "bench", batchSize: 1000, timeBudgetMs: Math.min(5000, budgetMs) });
      events += pass.delivered;
      if (pass.failed) throw new Error(`webhook delivery failed ${pass.failed} time(s)`);
      if (!pass.delivered && !pass.more) break;
    }
    const seconds = (performance.now() - started) / 1000;
    log(`webhook delivery: ${events} events in ${seconds.toFixed(1)} s (receiver answered ${receiver.count})`);
    return { events, seconds, perSecond: events / seconds };
  } finally {
    await receiver.close();
    await db.prisma.$disconnect();
  }
}

/** Subscribes an endpoint to every event of a bench database, with the CLI. */
export function subscribeWebhook(databaseUrl: string, url: string): void {
  execFileSync("npx", ["tsx", "cli/roster.ts", "webhook", "create", "--url", url, "--json"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, ...LOCAL_WEBHOOKS },
    stdio: ["ignore", "pipe", "inherit"],
  });
}
