import { parseInput } from "@/lib/admin/parse-input";
import { getDb } from "@/lib/db/client";
import { webhookNotFound } from "./errors";
import { webhookRefSchema } from "./schemas";
import { toWebhookSummary, webhookSummarySelect, type WebhookSummary } from "./webhook-summary";

export interface GetWebhookOptions {
  webhookId: string;
}

export async function getWebhook(options: GetWebhookOptions): Promise<WebhookSummary> {
  const { webhookId } = parseInput(webhookRefSchema, options);
  const row = await getDb().prisma.webhookEndpoint.findUnique({ where: { id: webhookId }, select: webhookSummarySelect });
  if (!row) throw webhookNotFound();
  return toWebhookSummary(row);
}
