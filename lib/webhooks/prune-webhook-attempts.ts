import type { Database } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";
import { settings } from "@/lib/settings";

export interface PruneWebhookAttemptsOptions {
  db: Database;
  now?: Date;
  /** The delivery log is kept as long as the events it is about (ROSTER_EVENT_RETENTION_DAYS). */
  retentionDays?: number;
  batchSize?: number;
}

/** Deletes one bounded batch of delivery-log rows past retention; true when a full batch went (more may be due). */
export async function pruneWebhookAttempts({ db, now = new Date(), retentionDays = settings().events.retentionDays, batchSize = 5000 }: PruneWebhookAttemptsOptions): Promise<boolean> {
  if (retentionDays <= 0) return false;
  const p = new SqlParams(db.kind);
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const deleted = await db.sql.execute(
    `DELETE FROM "WebhookAttempt" WHERE "id" IN (SELECT "id" FROM "WebhookAttempt" WHERE "createdAt" < ${p.add(cutoff)} LIMIT ${p.add(batchSize)})`,
    p.values,
  );
  return deleted === batchSize;
}
