// Cycles and their error reasons go when the activity rows they summarise do: older than
// ROSTER_ACTIVITY_RETENTION_DAYS (0 keeps them). Bounded deletes, run by the "sync-silence" job.
import { getDb, type Database } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";
import { settings } from "@/lib/settings";

export interface PruneSyncHistoryOptions {
  db?: Database;
  now?: Date;
  retentionDays?: number;
  /** Rows per DELETE; one statement per table per pass. */
  batchSize?: number;
}

export async function pruneSyncHistory({ db = getDb(), now = new Date(), retentionDays = settings().activity.retentionDays, batchSize = 1000 }: PruneSyncHistoryOptions = {}): Promise<{ cycles: number; errors: number; more: boolean }> {
  if (retentionDays <= 0) return { cycles: 0, errors: 0, more: false };
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const remove = (table: "SyncCycle" | "SyncError", column: "endedAt" | "lastSeenAt", key: string) => {
    const p = new SqlParams(db.kind);
    return db.sql.execute(
      `DELETE FROM "${table}" WHERE (${key}) IN (SELECT ${key} FROM "${table}" WHERE "${column}" < ${p.add(cutoff)} LIMIT ${p.add(batchSize)})`,
      p.values,
    );
  };
  const errors = await remove("SyncError", "lastSeenAt", `"cycleId", "status", "scimType", "reason"`);
  // A directory's current cycle stays while its health row names it, however old.
  const p = new SqlParams(db.kind);
  const cycles = await db.sql.execute(
    `DELETE FROM "SyncCycle" WHERE "id" IN (SELECT c."id" FROM "SyncCycle" c WHERE c."endedAt" < ${p.add(cutoff)}
       AND NOT EXISTS (SELECT 1 FROM "SyncHealth" h WHERE h."cycleId" = c."id") LIMIT ${p.add(batchSize)})`,
    p.values,
  );
  return { cycles, errors, more: cycles === batchSize || errors === batchSize };
}
