import { getDb } from "@/lib/db/client";
import { toWebhookSummary, webhookSummarySelect, type WebhookSummary } from "./webhook-summary";

export interface ListWebhooksOptions {
  now?: Date;
}

export interface WebhookListItem extends WebhookSummary {
  /** Attempts in the last 24 hours, and how many succeeded. */
  attempts24h: number;
  succeeded24h: number;
}

/** Every endpoint, newest first, with its success rate over the last 24 hours. */
export async function listWebhooks({ now = new Date() }: ListWebhooksOptions = {}): Promise<WebhookListItem[]> {
  const db = getDb();
  const rows = await db.prisma.webhookEndpoint.findMany({ select: webhookSummarySelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const since = new Date(now.getTime() - 86_400_000);
  const counts = await db.prisma.webhookAttempt.groupBy({ by: ["endpointId", "ok"], where: { createdAt: { gte: since } }, _count: { _all: true } });
  return rows.map((row) => {
    const mine = counts.filter((c) => c.endpointId === row.id);
    return {
      ...toWebhookSummary(row),
      attempts24h: mine.reduce((n, c) => n + c._count._all, 0),
      succeeded24h: mine.filter((c) => c.ok).reduce((n, c) => n + c._count._all, 0),
    };
  });
}
