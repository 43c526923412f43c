import { getDb } from "@/lib/db/client";

export interface ListWebhookAttemptsOptions {
  webhookId: string;
  limit?: number;
}

export interface WebhookAttemptRow {
  id: string;
  eventId: string;
  eventType: string;
  kind: string;
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
  responseExcerpt: string | null;
  nextRetryAt: Date | null;
  createdAt: Date;
}

/** The delivery log of one endpoint, newest first. */
export async function listWebhookAttempts({ webhookId, limit = 100 }: ListWebhookAttemptsOptions): Promise<WebhookAttemptRow[]> {
  return getDb().prisma.webhookAttempt.findMany({
    where: { endpointId: webhookId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 1000),
    select: { id: true, eventId: true, eventType: true, kind: true, attempt: true, ok: true, statusCode: true, error: true, latencyMs: true, responseExcerpt: true, nextRetryAt: true, createdAt: true },
  });
}
