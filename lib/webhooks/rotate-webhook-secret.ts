import { parseInput } from "@/lib/admin/parse-input";
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { webhookNotFound } from "./errors";
import { webhookRefSchema } from "./schemas";
import { newWebhookSecret } from "./sign-webhook";
import { auditedWebhookUrl } from "./webhook-audit";

export interface RotateWebhookSecretOptions {
  webhookId: string;
  now?: Date;
  actor: AuditActor;
}

/** How long the replaced secret keeps signing beside the new one. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60_000;

/**
 * A new signing secret, returned once. For 24 hours every request carries two signatures, by the new
 * secret and the one it replaced, so the receiver can switch to the new one at its own pace.
 */
export async function rotateWebhookSecret(options: RotateWebhookSecretOptions): Promise<{ secret: string; previousSecretExpiresAt: Date }> {
  const { webhookId } = parseInput(webhookRefSchema, options);
  const now = options.now ?? new Date();
  const db = getDb();
  const secret = newWebhookSecret();
  const previousSecretExpiresAt = new Date(now.getTime() + SECRET_OVERLAP_MS);
  const rotated = await runInTransaction(db, async (tx) => {
    const row = await tx.webhookEndpoint.findUnique({ where: { id: webhookId }, select: { secret: true, url: true } });
    if (!row) return false;
    await tx.webhookEndpoint.update({ where: { id: webhookId }, data: { secret, previousSecret: row.secret, previousSecretExpiresAt } });
    // Neither secret is recorded: only that it changed and until when the old one still signs.
    await recordAudit(tx, { actor: options.actor, action: "webhook.rotate_secret", target: { type: "webhook", id: webhookId, label: auditedWebhookUrl(row.url) }, after: { overlapEndsAt: previousSecretExpiresAt } });
    return true;
  });
  if (!rotated) throw webhookNotFound();
  return { secret, previousSecretExpiresAt };
}
