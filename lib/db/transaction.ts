// Runs a unit of work in one transaction, retrying it from the start when another writer got in the
// way (SQLITE_BUSY across processes, PostgreSQL serialization failures or deadlocks): through Prisma's
// interactive transactions (runInTransaction) or the plain SQL driver (inTransaction), one policy.
import type { Database, Tx } from "./client";
import { isRetryableConflict } from "./errors";
import type { Sql } from "@/lib/db/sql";

const MAX_ATTEMPTS = 5;

async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (n >= MAX_ATTEMPTS || !isRetryableConflict(e)) throw e;
      await new Promise((r) => setTimeout(r, 10 * 2 ** n + Math.random() * 20));
    }
  }
}

/** A Prisma interactive transaction (admin operations, off the request path). */
export function runInTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withRetry(() => db.prisma.$transaction(work, { maxWait: 10_000, timeout: 30_000 }));
}

/** A plain SQL transaction through the driver (the SCIM hot paths); `tx.afterCommit` defers work past COMMIT. */
export function inTransaction<T>(db: Database, work: (tx: Sql) => Promise<T>): Promise<T> {
  return withRetry(async () => {
    const committed: (() => void)[] = [];
    const result = await db.sql.transaction((tx) =>
      work({
        kind: tx.kind,
        query: (text, params) => tx.query(text, params),
        execute: (text, params) => tx.execute(text, params),
        send: tx.send && ((text, params) => tx.send!(text, params)),
        // This attempt's alone: a retried attempt's hooks are dropped with it.
        afterCommit: (fn) => void committed.push(fn),
      }),
    );
    for (const fn of committed) fn();
    return result;
  });
}
