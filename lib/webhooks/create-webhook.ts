import { AdminError } from "@/lib/admin/errors";
import { parseInput } from "@/lib/admin/parse-input";
import { actorLabel, type AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { readFeedState } from "@/lib/events/feed-state";
import { sequenceEvents } from "@/lib/events/sequence-events";
import { checkWebhookDestination, WebhookDestinationError, type Resolver } from "./destination";
import { createWebhookSchema } from "./schemas";
import { newWebhookSecret } from "./sign-webhook";
import { auditedWebhookUrl, webhookAuditValues } from "./webhook-audit";
import { toWebhookSummary, webhookSummarySelect, type WebhookSummary } from "./webhook-summary";

export interface CreateWebhookOptions {
  url: string;
  description?: string;
  /** Only these directories' events; none (the default) means every directory. */
  directoryIds?: string[];
  /** Only these event types; none (the default) means every type. */
  eventTypes?: string[];
  /** Who made it; also what its createdBy says (the admin's email, or "CLI"). */
  actor: AuditActor;
  resolve?: Resolver;
}

export interface CreatedWebhook {
  webhook: WebhookSummary;
  /** Shown once: `whsec_…`, for the receiver's verifier. */
  secret: string;
}

/**
 * A new endpoint, receiving the events recorded from now on (older ones through a replay). Its URL
 * is checked (scheme, and where the host resolves: see destination.ts); every directory it is
 * restricted to must exist.
 */
export async function createWebhook(options: CreateWebhookOptions): Promise<CreatedWebhook> {
  const input = parseInput(createWebhookSchema, options);
  try {
    await checkWebhookDestination(input.url, options.resolve);
  } catch (e) {
    if (e instanceof WebhookDestinationError) throw new AdminError("invalid", e.message, { url: e.message });
    throw e;
  }
  const db = getDb();
  if (input.directoryIds.length) {
    const found = new Set((await db.prisma.directory.findMany({ where: { id: { in: input.directoryIds } }, select: { id: true } })).map((d) => d.id));
    const missing = input.directoryIds.find((id) => !found.has(id));
    if (missing) throw new AdminError("not_found", `Directory ${missing} not found`, { directoryIds: `Directory ${missing} not found` });
  }
  // Starts after the newest event: events already in the feed belong to before the endpoint existed.
  await sequenceEvents({ sql: db.sql });
  const { lastSeq } = await readFeedState(db.sql);
  const secret = newWebhookSecret();
  return runInTransaction(db, async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: {
        url: input.url,
        description: input.description,
        directoryIds: input.directoryIds,
        eventTypes: input.eventTypes,
        secret,
        cursor: BigInt(lastSeq),
        createdBy: actorLabel(options.actor),
      },
      select: webhookSummarySelect,
    });
    const webhook = toWebhookSummary(row);
    await recordAudit(tx, { actor: options.actor, action: "webhook.create", target: { type: "webhook", id: webhook.id, label: auditedWebhookUrl(webhook.url) }, after: webhookAuditValues(webhook) });
    return { webhook, secret };
  });
}
