import { randomUUID } from "node:crypto";
import { parseInput } from "@/lib/admin/parse-input";
import { getDb } from "@/lib/db/client";
import type { Resolver } from "./destination";
import { webhookNotFound } from "./errors";
import type { PostWebhookResult } from "./post-webhook";
import { webhookRefSchema } from "./schemas";
import { sendWebhookEvent } from "./send-webhook-event";
import { insertWebhookAttempts, succeeded } from "./webhook-attempts";

export interface SendTestWebhookOptions {
  webhookId: string;
  resolve?: Resolver;
}

/**
 * Sends a `webhook.test` event, signed like any other, so a receiver can be checked end to end. It is
 * not a feed event (directoryId null, not in GET /api/v1/events) and is sent even to a disabled endpoint.
 */
export async function sendTestWebhook(options: SendTestWebhookOptions): Promise<PostWebhookResult & { ok: boolean; eventId: string }> {
  const { webhookId } = parseInput(webhookRefSchema, options);
  const db = getDb();
  const endpoint = await db.prisma.webhookEndpoint.findUnique({ where: { id: webhookId } });
  if (!endpoint) throw webhookNotFound();
  const now = new Date();
  const event = { id: `test_${randomUUID()}`, type: "webhook.test", directoryId: null, occurredAt: now.toISOString(), data: { webhookId } };
  const result = await sendWebhookEvent({ endpoint, eventId: event.id, body: JSON.stringify(event), kind: "test", now, resolve: options.resolve });
  await insertWebhookAttempts(db.sql, [{ endpointId: webhookId, eventId: event.id, eventType: event.type, seq: null, kind: "test", attempt: 1, result, nextRetryAt: null, at: now }]);
  return { ...result, ok: succeeded(result), eventId: event.id };
}
