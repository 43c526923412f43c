// Group commit of the sync-health bookkeeping, after the activity rows are written: one transaction at
// a time per process, taking every row that arrived while the previous one ran. Under load a
// transaction then carries many requests' rows (a few statements per directory, whatever their number)
// instead of each batch of activity rows opening its own and queueing on the directory's locked
// health row; an idle server writes at once. On SQLite, with its single writer, the bookkeeping goes in
// the activity rows' own transaction instead (recordSyncHealthWithin): one commit per batch, not two.
import { getDb } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";
import { inTransaction } from "@/lib/db/transaction";
import { recordSyncHealth, type SyncActivity } from "./record-sync-health";

interface Waiting {
  rows: SyncActivity[];
  done: () => void;
}

let queue: Waiting[] = [];
let running = false;

/** Resolves once the rows' bookkeeping is committed (or failed and was logged); never throws. */
export function queueSyncHealth(rows: SyncActivity[]): Promise<void> {
  return new Promise((done) => {
    queue.push({ rows, done });
    if (!running) void drain();
  });
}

async function drain(): Promise<void> {
  running = true;
  try {
    while (queue.length) {
      const taken = queue;
      queue = [];
      try {
        await inTransaction(getDb(), (tx) => recordSyncHealth({ sql: tx, rows: taken.flatMap((w) => w.rows) }));
      } catch (e) {
        console.error("[roster] could not record sync health:", (e as Error)?.message ?? String(e));
      }
      for (const w of taken) w.done();
    }
  } finally {
    running = false;
  }
}

/**
 * The bookkeeping inside the caller's transaction, under a savepoint: a failure rolls back its own
 * statements only, never the activity rows written before it. Never throws.
 */
export async function recordSyncHealthWithin(tx: Sql, rows: SyncActivity[]): Promise<void> {
  // recordEvents' hooks (a health change's event) run after COMMIT only if the savepoint was kept.
  const hooks: (() => void)[] = [];
  const inner: Sql = {
    kind: tx.kind,
    query: (text, params) => tx.query(text, params),
    execute: (text, params) => tx.execute(text, params),
    send: tx.send && ((text, params) => tx.send!(text, params)),
    afterCommit: (fn) => void hooks.push(fn),
  };
  await tx.execute("SAVEPOINT sync_health");
  try {
    await recordSyncHealth({ sql: inner, rows });
  } catch (e) {
    await tx.execute("ROLLBACK TO sync_health");
    await tx.execute("RELEASE sync_health");
    console.error("[roster] could not record sync health:", (e as Error)?.message ?? String(e));
    return;
  }
  await tx.execute("RELEASE sync_health");
  for (const fn of hooks) if (tx.afterCommit) tx.afterCommit(fn);
  else fn();
}
