import { parseInput } from "@/lib/admin/parse-input";
import { getDb } from "@/lib/db/client";
import { webhookNotFound } from "./errors";
import { setWebhookEnabledSchema } from "./schemas";
import { toWebhookSummary, webhookSummarySelect, type WebhookSummary } from "./webhook-summary";

export interface SetWebhookEnabledOptions {
  webhookId: string;
  enabled: boolean;
  /** Who did it (shown in the reason of a disabled endpoint): the admin's email, or "CLI". */
  by?: string;
}

/**
 * Disables an endpoint (nothing is sent until it is enabled; its position in the feed is kept), or
 * enables it: delivery resumes at once from where it stopped, with the retry count reset.
 */
export async function setWebhookEnabled(options: SetWebhookEnabledOptions): Promise<WebhookSummary> {
  const { webhookId, enabled, by } = parseInput(setWebhookEnabledSchema, options);
  const now = new Date();
  const db = getDb();
  const data = enabled
    ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null, headAttempts: 0, nextAttemptAt: now }
    : { enabled: false, disabledReason: `Disabled by ${by || "an administrator"}`, disabledAt: now };
  // Only a change of state writes: enabling an enabled endpoint keeps its retry schedule.
  await db.prisma.webhookEndpoint.updateMany({ where: { id: webhookId, enabled: !enabled }, data });
  const row = await db.prisma.webhookEndpoint.findUnique({ where: { id: webhookId }, select: webhookSummarySelect });
  if (!row) throw webhookNotFound();
  return toWebhookSummary(row);
}
