// Keeps the activity log and the provisioning events from growing without bound: rows older than the
// retention period go, and each directory keeps at most a fixed number of activity rows, so a flood of
// requests (even unauthenticated ones, which are logged without a directory) cannot fill the disk.
// Deletes run in bounded batches, from the "activity-retention" background job
// (lib/activity/retention-job.ts).
import { getDb, type Database } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";
import { settings } from "@/lib/settings";
import { pruneEvents } from "@/lib/events/prune-events";

export interface ActivityRetention {
  /** Activity rows older than this many days are deleted; 0 keeps them. */
  retentionDays: number;
  /** Most activity rows kept per directory (the oldest go first); 0 means no cap. */
  maxRowsPerDirectory: number;
}

/** ROSTER_ACTIVITY_RETENTION_DAYS (default 30) and ROSTER_ACTIVITY_MAX_ROWS_PER_DIRECTORY (default 1,000,000). */
export function activityRetention(): ActivityRetention {
  const { retentionDays, maxRowsPerDirectory } = settings().activity;
  return { retentionDays, maxRowsPerDirectory };
}

export interface PruneActivityOptions {
  db?: Database;
  now?: Date;
  retention?: ActivityRetention;
  /** Overrides ROSTER_EVENT_RETENTION_DAYS. */
  eventRetentionDays?: number;
  /** Directories whose row cap to enforce (null: rows tied to no directory); "all": every directory and null. */
  directoryIds?: (string | null)[] | "all";
  /** Rows per DELETE statement, and statements per table per run. */
  batchSize?: number;
  maxBatches?: number;
}

export interface PruneActivityResult {
  expiredActivity: number;
  expiredEvents: number;
  overCap: number;
  /** A bound stopped the run before everything due was deleted. */
  more: boolean;
}

const BATCH_SIZE = 1000;
const MAX_BATCHES = 10;

export async function pruneActivity(options: PruneActivityOptions = {}): Promise<PruneActivityResult> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const { retentionDays, maxRowsPerDirectory } = options.retention ?? activityRetention();
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const maxBatches = options.maxBatches ?? MAX_BATCHES;
  const result: PruneActivityResult = { expiredActivity: 0, expiredEvents: 0, overCap: 0, more: false };

  // Deletes the rows `where` selects, batchSize at a time (a bounded lock each), up to maxBatches.
  async function deleteInBatches(table: "ActivityLog", where: (p: SqlParams) => string): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const p = new SqlParams(db.kind);
      const n = await db.sql.execute(`DELETE FROM "${table}" WHERE "id" IN (SELECT "id" FROM "${table}" WHERE ${where(p)} LIMIT ${p.add(batchSize)})`, p.values);
      total += n;
      if (n < batchSize) return total;
    }
    result.more = true;
    return total;
  }

  if (retentionDays > 0) {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    result.expiredActivity = await deleteInBatches("ActivityLog", (p) => `"createdAt" < ${p.add(cutoff)}`);
  }
  // The events feed has a retention of its own (ROSTER_EVENT_RETENTION_DAYS) and a pruning that keeps
  // expired cursors detectable.
  const events = await pruneEvents({ sql: db.sql, now, batchSize, maxBatches, ...(options.eventRetentionDays !== undefined ? { retentionDays: options.eventRetentionDays } : {}) });
  result.expiredEvents = events.deleted;
  if (events.more) result.more = true;

  if (maxRowsPerDirectory > 0) {
    const directoryIds = options.directoryIds === "all" ? [...(await db.prisma.directory.findMany({ select: { id: true } })).map((d) => d.id), null] : (options.directoryIds ?? []);
    for (const directoryId of directoryIds) {
      const scope = (p: SqlParams) => (directoryId === null ? `"directoryId" IS NULL` : `"directoryId" = ${p.add(directoryId)}`);
      // The newest row beyond the cap (an index walk over (directoryId, createdAt)); it and everything
      // older go.
      const p = new SqlParams(db.kind);
      const beyond = await db.sql.query<{ createdAt: unknown }>(
        `SELECT "createdAt" FROM "ActivityLog" WHERE ${scope(p)} ORDER BY "createdAt" DESC LIMIT 1 OFFSET ${Math.floor(maxRowsPerDirectory)}`,
        p.values,
      );
      if (!beyond.length) continue;
      const edge = beyond[0].createdAt instanceof Date ? beyond[0].createdAt : new Date(String(beyond[0].createdAt));
      result.overCap += await deleteInBatches("ActivityLog", (p) => `${scope(p)} AND "createdAt" <= ${p.add(edge)}`);
    }
  }
  return result;
}
