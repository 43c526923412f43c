// A Database whose work waits for a condition settled elsewhere: a request answered before its caller's
// credentials were checked (a remembered bearer token, lib/oauth/authenticate-bearer.ts) runs its
// statements at once, but a transaction commits only once `confirmed` resolved (rolled back when it
// rejects), a statement outside a transaction that changes rows waits for it before running, and a
// read's rows are handed over only once it resolved. Prisma is not held: off the request paths.
import type { Database, SqlDriver } from "./client";

export function confirmedDatabase(db: Database, confirmed: Promise<void>): Database {
  const inner = db.sql;
  const sql: SqlDriver = {
    kind: inner.kind,
    async query<T>(text: string, params?: readonly unknown[]) {
      const [rows] = await Promise.all([inner.query<T>(text, params), confirmed]);
      return rows;
    },
    async execute(text, params) {
      await confirmed;
      return inner.execute(text, params);
    },
    transaction: (work) =>
      inner.transaction(async (tx) => {
        const result = await work(tx);
        await confirmed;
        return result;
      }),
    poolStats: inner.poolStats && (() => inner.poolStats!()),
  };
  return { kind: db.kind, prisma: db.prisma, sql };
}
