import { AdminError } from "@/lib/admin/errors";
import { parseInput } from "@/lib/admin/parse-input";
import { getDb } from "@/lib/db/client";
import { toFeedEvent } from "@/lib/events/to-feed-event";
import type { Resolver } from "./destination";
import { webhookNotFound } from "./errors";
import type { PostWebhookResult } from "./post-webhook";
import { resendWebhookEventSchema } from "./schemas";
import { sendWebhookEvent } from "./send-webhook-event";
import { insertWebhookAttempts, succeeded } from "./webhook-attempts";
import { coversDirectory, toWebhookSummary } from "./webhook-summary";

export interface ResendWebhookEventOptions {
  webhookId: string;
  eventId: string;
  resolve?: Resolver;
}

/**
 * Sends one retained event to an endpoint again, now, whatever its queue is doing (the delivery log
 * records it as a "resend"). The event must be one the endpoint receives.
 */
export async function resendWebhookEvent(options: ResendWebhookEventOptions): Promise<PostWebhookResult & { ok: boolean }> {
  const { webhookId, eventId } = parseInput(resendWebhookEventSchema, options);
  const db = getDb();
  const endpoint = await db.prisma.webhookEndpoint.findUnique({ where: { id: webhookId } });
  if (!endpoint) throw webhookNotFound();
  const row = await db.prisma.provisioningEvent.findUnique({ where: { id: eventId } });
  const summary = toWebhookSummary(endpoint);
  if (!row || row.seq === null || !coversDirectory(summary, row.directoryId) || (summary.eventTypes.length && !summary.eventTypes.includes(row.type))) {
    throw new AdminError("not_found", "No such event for this webhook (it may have passed the retention period)", { eventId: "No such event for this webhook" });
  }
  const now = new Date();
  const event = toFeedEvent(row as unknown as Record<string, unknown>);
  const result = await sendWebhookEvent({ endpoint, eventId: event.id, body: JSON.stringify(event), kind: "resend", now, resolve: options.resolve });
  await insertWebhookAttempts(db.sql, [{ endpointId: webhookId, eventId: event.id, eventType: event.type, seq: Number(row.seq), kind: "resend", attempt: 1, result, nextRetryAt: null, at: now }]);
  return { ...result, ok: succeeded(result) };
}
