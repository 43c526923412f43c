// Keeps the admin audit log for ROSTER_AUDIT_RETENTION_DAYS (default 365; 0 keeps it forever): older
// rows are deleted in bounded batches by the "audit-retention" job (./retention-job.ts).
import { getDb, type Database } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";
import { settings } from "@/lib/settings";

export interface PruneAuditLogOptions {
  db?: Database;
  now?: Date;
  /** Overrides ROSTER_AUDIT_RETENTION_DAYS. */
  retentionDays?: number;
  batchSize?: number;
  maxBatches?: number;
}

export interface PruneAuditLogResult {
  deleted: number;
  /** A bound stopped the pass before everything due was deleted. */
  more: boolean;
}

export async function pruneAuditLog(options: PruneAuditLogOptions = {}): Promise<PruneAuditLogResult> {
  const db = options.db ?? getDb();
  const retentionDays = options.retentionDays ?? settings().audit.retentionDays;
  const batchSize = options.batchSize ?? 1000;
  const maxBatches = options.maxBatches ?? 10;
  if (retentionDays <= 0) return { deleted: 0, more: false };
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * 86_400_000);
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    const p = new SqlParams(db.kind);
    const n = await db.sql.execute(`DELETE FROM "AuditLog" WHERE "id" IN (SELECT "id" FROM "AuditLog" WHERE "createdAt" < ${p.add(cutoff)} LIMIT ${p.add(batchSize)})`, p.values);
    deleted += n;
    if (n < batchSize) return { deleted, more: false };
  }
  return { deleted, more: true };
}
