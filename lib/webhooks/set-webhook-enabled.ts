import { parseInput } from "@/lib/admin/parse-input";
import { actorLabel, type AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { webhookNotFound } from "./errors";
import { setWebhookEnabledSchema } from "./schemas";
import { auditedWebhookUrl } from "./webhook-audit";
import { toWebhookSummary, webhookSummarySelect, type WebhookSummary } from "./webhook-summary";

export interface SetWebhookEnabledOptions {
  webhookId: string;
  enabled: boolean;
  /** Who did it (also named in the reason of a disabled endpoint). */
  actor: AuditActor;
}

/**
 * Disables an endpoint (nothing is sent until it is enabled; its position in the feed is kept), or
 * enables it: delivery resumes at once from where it stopped, with the retry count reset.
 */
export async function setWebhookEnabled(options: SetWebhookEnabledOptions): Promise<WebhookSummary> {
  const { webhookId, enabled } = parseInput(setWebhookEnabledSchema, options);
  const now = new Date();
  const data = enabled
    ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null, headAttempts: 0, nextAttemptAt: now }
    : { enabled: false, disabledReason: `Disabled by ${actorLabel(options.actor) || "an administrator"}`, disabledAt: now };
  return runInTransaction(getDb(), async (tx) => {
    // Only a change of state writes (and is audited): enabling an enabled endpoint keeps its retry schedule.
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id: webhookId, enabled: !enabled }, data });
    const row = await tx.webhookEndpoint.findUnique({ where: { id: webhookId }, select: webhookSummarySelect });
    if (!row) throw webhookNotFound();
    const webhook = toWebhookSummary(row);
    if (count) {
      await recordAudit(tx, {
        actor: options.actor,
        action: enabled ? "webhook.enable" : "webhook.disable",
        target: { type: "webhook", id: webhookId, label: auditedWebhookUrl(webhook.url) },
        before: { enabled: !enabled },
        after: { enabled, disabledReason: webhook.disabledReason },
      });
    }
    return webhook;
  });
}
