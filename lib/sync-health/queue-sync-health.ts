// Group commit of the sync-health bookkeeping, after the activity rows are written: one transaction at
// a time per process, taking every row that arrived while the previous one ran. Under load a
// transaction then carries many requests' rows (a few statements per directory, whatever their number)
// instead of each batch of activity rows opening its own and queueing on the directory's locked
// health row; an idle server writes at once.
import { getDb } from "@/lib/db/client";
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
