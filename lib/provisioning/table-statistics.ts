// PostgreSQL plans with the statistics of its last ANALYZE. A directory's initial sync grows the SCIM
// tables from nothing to many thousands of rows within seconds, long before autovacuum's next analyze
// (up to a minute away, and then only after 10% growth), and meanwhile the planner believes the tables
// are tiny: it answered `"id" = $1 AND "directoryId" = $2` by walking the whole directory through a
// (directoryId, …) index, 5–10 ms instead of 0.02 ms per user PATCH at 10,000 users (npm run bench
// --postgres). So each process analyzes the SCIM tables itself whenever the rows it has written double:
// after 500, 1,000, 2,000, … — a dozen ANALYZEs over a million-row sync, each in the background.
// SQLite keeps no statistics unless asked, and Roster's SQLite queries are written for that.
import type { ProvisioningContext } from "./context";

export const FIRST_ANALYZE_AFTER_ROWS = 500;

const TABLES = `"ScimUser", "ScimUserEmail", "ScimGroup", "ScimGroupMember"`;

interface StatisticsState {
  written: number;
  nextAnalyzeAt: number;
  running: boolean;
  failed: boolean;
  /** The ANALYZE started last (settled once it has finished or failed). */
  pending: Promise<void>;
}

// Plain module state: only the copy of lib/ that serves SCIM inserts rows (under `npm start` that is the
// front server's), and a fresh count after a `next dev` reload only means an early ANALYZE.
let statistics: StatisticsState | undefined;

function state(): StatisticsState {
  return (statistics ??= { written: 0, nextAnalyzeAt: FIRST_ANALYZE_AFTER_ROWS, running: false, failed: false, pending: Promise.resolve() });
}

/** Counts rows a provisioning operation inserted; on PostgreSQL, analyzes when they have doubled. */
export function noteRowsInserted(ctx: ProvisioningContext, rows: number) {
  if (ctx.db.kind !== "postgresql" || rows <= 0) return;
  const s = state();
  s.written += rows;
  if (s.written < s.nextAnalyzeAt || s.running || s.failed) return;
  s.nextAnalyzeAt = s.written * 2;
  s.running = true;
  const sql = ctx.db.sql;
  // After the current transaction has had its chance to commit; never in a request's way.
  s.pending = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => sql.execute(`ANALYZE ${TABLES}`))
    .then(
      () => undefined,
      (e: Error) => {
        // e.g. a database user that does not own the tables: autovacuum still analyzes, only later.
        s.failed = true;
        console.error(`[roster] could not ANALYZE the SCIM tables (autovacuum will): ${e.message}`);
      },
    )
    .finally(() => (s.running = false));
}

/** Settles when the ANALYZE started last has finished (tests wait for it instead of sleeping). */
export function tableStatisticsSettled(): Promise<void> {
  return state().pending;
}

/** Starts counting from zero again (tests). */
export function resetTableStatistics() {
  statistics = undefined;
}
