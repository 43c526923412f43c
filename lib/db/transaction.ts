// Runs a unit of work in one transaction, retrying it when another writer got in the way
// (SQLITE_BUSY across processes, PostgreSQL serialization failures or deadlocks).
import type { Db, Tx } from "./client";
import { isRetryableConflict } from "./errors";

const MAX_ATTEMPTS = 5;

export async function runInTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, { maxWait: 10_000, timeout: 30_000 });
    } catch (e) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(e)) throw e;
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
}
