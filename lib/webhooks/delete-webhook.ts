import { parseInput } from "@/lib/admin/parse-input";
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { webhookNotFound } from "./errors";
import { webhookRefSchema } from "./schemas";
import { auditedWebhookUrl, webhookAuditValues } from "./webhook-audit";
import { toWebhookSummary, webhookSummarySelect } from "./webhook-summary";

export interface DeleteWebhookOptions {
  webhookId: string;
  actor: AuditActor;
}

/** Deletes an endpoint and its delivery log; a pass delivering to it stops at its next write. */
export async function deleteWebhook(options: DeleteWebhookOptions): Promise<void> {
  const { webhookId } = parseInput(webhookRefSchema, options);
  await runInTransaction(getDb(), async (tx) => {
    const row = await tx.webhookEndpoint.findUnique({ where: { id: webhookId }, select: webhookSummarySelect });
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id: webhookId } });
    if (!count || !row) throw webhookNotFound();
    const webhook = toWebhookSummary(row);
    await recordAudit(tx, { actor: options.actor, action: "webhook.delete", target: { type: "webhook", id: webhookId, label: auditedWebhookUrl(webhook.url) }, before: webhookAuditValues(webhook) });
  });
}
