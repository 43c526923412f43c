// Keeps the activity log and the provisioning events from growing without bound: rows older than the
// retention period go, and each directory keeps at most a fixed number of activity rows, so a flood of
// requests (even unauthenticated ones, which are logged without a directory) cannot fill the disk.
// Deletes run in bounded batches, opportunistically from the deferred activity-log task: at most once
// a minute per instance, sooner only while a previous run left work behind.
import { getDb, type Database } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";
import { pruneRateLimits } from "@/lib/rate-limit/rate-limit";
import { settings } from "@/lib/settings";

export interface ActivityRetention {
  /** Activity rows and provisioning events older than this many days are deleted; 0 keeps them. */
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
  /** Directories whose row cap to enforce (null: rows tied to no directory). */
  directoryIds?: (string | null)[];
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
  async function deleteInBatches(table: "ActivityLog" | "ProvisioningEvent", where: (p: SqlParams) => string): Promise<number> {
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
    result.expiredEvents = await deleteInBatches("ProvisioningEvent", (p) => `"createdAt" < ${p.add(cutoff)}`);
  }

  if (maxRowsPerDirectory > 0) {
    for (const directoryId of options.directoryIds ?? []) {
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

const PRUNE_INTERVAL_MS = 60_000;

interface PruneSchedule {
  lastRun: number;
  running?: Promise<void>;
  /** When each directory's cap was last checked here. */
  capChecked: Map<string, number>;
}

const globalForPrune = globalThis as unknown as { rosterActivityPrune?: PruneSchedule };

function schedule(): PruneSchedule {
  globalForPrune.rosterActivityPrune ??= { lastRun: 0, capChecked: new Map() };
  return globalForPrune.rosterActivityPrune;
}

/**
 * Called after each activity row is written: prunes when this instance has not done so for a minute
 * (or the last run left work behind), and checks the cap of the directory just written to at most
 * once a minute. Never throws: pruning is housekeeping, it must not fail a request's log write.
 */
export async function maybePruneActivity(directoryId: string | null | undefined): Promise<void> {
  const s = schedule();
  if (s.running) return;
  const now = Date.now();
  const key = directoryId ?? "";
  const capDue = now - (s.capChecked.get(key) ?? 0) >= PRUNE_INTERVAL_MS;
  const ageDue = now - s.lastRun >= PRUNE_INTERVAL_MS;
  if (!capDue && !ageDue) return;
  s.running = (async () => {
    try {
      if (capDue) {
        if (s.capChecked.size > 10_000) s.capChecked.clear();
        s.capChecked.set(key, now);
      }
      const result = await pruneActivity({
        retention: ageDue ? undefined : { ...activityRetention(), retentionDays: 0 },
        directoryIds: capDue ? [directoryId ?? null] : [],
      });
      if (ageDue) {
        await pruneRateLimits();
        s.lastRun = result.more ? 0 : now;
      }
      // Work left behind: look again on the next request rather than in a minute.
      if (result.more && capDue) s.capChecked.delete(key);
    } catch (e) {
      console.error("[roster] could not prune the activity log:", (e as Error).message);
    } finally {
      s.running = undefined;
    }
  })();
  await s.running;
}

/** Forgets when pruning last ran (tests). */
export function resetPruneSchedule() {
  globalForPrune.rosterActivityPrune = { lastRun: 0, capChecked: new Map() };
}
