import { getDb } from "@/lib/db/client";
import { coversDirectory, toWebhookSummary, webhookSummarySelect, type WebhookSummary } from "./webhook-summary";

export interface ListWebhookProblemsOptions {
  directoryId: string;
}

/** The webhooks receiving a directory's events that are failing or disabled: for its overview page. */
export async function listWebhookProblems({ directoryId }: ListWebhookProblemsOptions): Promise<WebhookSummary[]> {
  const rows = await getDb().prisma.webhookEndpoint.findMany({
    where: { OR: [{ enabled: false }, { failingSince: { not: null } }] },
    select: webhookSummarySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toWebhookSummary).filter((w) => coversDirectory(w, directoryId));
}
