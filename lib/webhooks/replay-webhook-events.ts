import { AdminError } from "@/lib/admin/errors";
import { parseInput } from "@/lib/admin/parse-input";
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { sequenceEvents } from "@/lib/events/sequence-events";
import { webhookNotFound } from "./errors";
import { replayWebhookSchema } from "./schemas";
import { auditedWebhookUrl } from "./webhook-audit";

export interface ReplayWebhookEventsOptions {
  webhookId: string;
  since: Date | string;
  actor: AuditActor;
}

/**
 * Delivers again, in feed order, every retained event recorded since a time: the endpoint's position
 * in the feed moves back to just before the first of them (never forward, so nothing pending is
 * skipped), and the delivery job sends them as it sends new events. `cursorEpoch` is raised so that a
 * pass delivering to the endpoint right now cannot write its older position over this one.
 */
export async function replayWebhookEvents(options: ReplayWebhookEventsOptions): Promise<{ fromSeq: number | null }> {
  const { webhookId, since } = parseInput(replayWebhookSchema, options);
  const db = getDb();
  await sequenceEvents({ sql: db.sql });
  return runInTransaction(db, async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: webhookId }, select: { cursor: true, url: true } });
    if (!endpoint) throw webhookNotFound();
    const first = await tx.provisioningEvent.findFirst({ where: { createdAt: { gte: since }, seq: { not: null } }, orderBy: { seq: "asc" }, select: { seq: true } });
    if (!first?.seq) throw new AdminError("invalid", "No events were recorded since then", { since: "No events were recorded since then" });
    const cursor = first.seq - 1n < endpoint.cursor ? first.seq - 1n : endpoint.cursor;
    await tx.webhookEndpoint.update({
      where: { id: webhookId },
      data: { cursor, cursorEpoch: { increment: 1 }, headAttempts: 0, failingSince: null, nextAttemptAt: new Date() },
    });
    await recordAudit(tx, {
      actor: options.actor,
      action: "webhook.replay",
      target: { type: "webhook", id: webhookId, label: auditedWebhookUrl(endpoint.url) },
      before: { cursor: Number(endpoint.cursor) },
      after: { cursor: Number(cursor), since: new Date(since) },
    });
    return { fromSeq: Number(first.seq) };
  });
}
