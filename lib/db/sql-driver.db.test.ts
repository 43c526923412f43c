// The plain SQL driver (lib/db/client.ts): transactions all or nothing, and on PostgreSQL its prepared
// (named) statements surviving a migration that changes a table under them.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyDbError } from "@/lib/db/errors";
import { send, SqlParams } from "@/lib/db/sql";
import { inTransaction } from "@/lib/db/transaction";
import { DATABASE_KINDS, useTestDatabase } from "@/tests/support/database";

describe.each(DATABASE_KINDS)("the SQL driver on %s", (kind) => {
  const database = useTestDatabase(kind);
  const db = () => database.current.db;

  beforeAll(async () => {
    await db().sql.execute(`CREATE TABLE "DriverProbe" ("id" INTEGER PRIMARY KEY, "a" TEXT NOT NULL)`);
  });
  afterAll(async () => {
    await db().sql.execute(`DROP TABLE "DriverProbe"`);
  });

  const insert = (id: number, a: string) => {
    const p = new SqlParams(db().kind);
    return `INSERT INTO "DriverProbe" ("id", "a") VALUES (${p.add(id)}, ${p.add(a)})`;
  };
  const values = (id: number, a: string) => [id, a];
  const read = async (id: number) => {
    const p = new SqlParams(db().kind);
    return db().sql.query<{ id: number; a: string }>(`SELECT * FROM "DriverProbe" WHERE "id" = ${p.add(id)}`, p.values);
  };

  it("commits every statement of a transaction, or none when one fails", async () => {
    await inTransaction(db(), async (tx) => {
      await tx.execute(insert(1, "one"), values(1, "one"));
      await tx.execute(insert(2, "two"), values(2, "two"));
    });
    expect((await read(1)).map((r) => r.a)).toEqual(["one"]);
    // The first statement (sent with BEGIN on PostgreSQL) is rolled back with the failing second one.
    await expect(
      inTransaction(db(), async (tx) => {
        await tx.execute(insert(3, "three"), values(3, "three"));
        await tx.execute(insert(1, "again"), values(1, "again"));
      }),
    ).rejects.toThrow();
    expect(await read(3)).toEqual([]);
    // A failing first statement: rolled back, and the connections go on working.
    await expect(inTransaction(db(), (tx) => tx.execute(insert(2, "dup"), values(2, "dup")))).rejects.toThrow();
    for (let i = 0; i < 20; i++) expect((await read(2)).map((r) => r.a)).toEqual(["two"]);
  });

  it("fails a transaction with the error of a statement sent without waiting, whatever came after it", async () => {
    await inTransaction(db(), (tx) => tx.execute(insert(30, "thirty"), values(30, "thirty")));
    // Sent last (on PostgreSQL with COMMIT): the duplicate key fails the transaction, nothing is kept.
    const last = inTransaction(db(), async (tx) => {
      await send(tx, insert(31, "thirty-one"), values(31, "thirty-one"));
      await send(tx, insert(30, "again"), values(30, "again"));
    });
    await expect(last).rejects.toSatisfy((e) => classifyDbError(e) === "unique");
    // Followed by a read: the read answers with the write's error, not "transaction aborted".
    const followed = inTransaction(db(), async (tx) => {
      await send(tx, insert(30, "again"), values(30, "again"));
      await tx.query(`SELECT * FROM "DriverProbe"`);
      await send(tx, insert(32, "thirty-two"), values(32, "thirty-two"));
    });
    await expect(followed).rejects.toSatisfy((e) => classifyDbError(e) === "unique");
    expect([...(await read(31)), ...(await read(32))]).toEqual([]);
    expect((await read(30)).map((r) => r.a)).toEqual(["thirty"]);
    // Sent writes that succeed are committed, and seen by the statements after them.
    const seen = await inTransaction(db(), async (tx) => {
      await send(tx, insert(33, "thirty-three"), values(33, "thirty-three"));
      const p = new SqlParams(tx.kind);
      return tx.query<{ a: string }>(`SELECT "a" FROM "DriverProbe" WHERE "id" = ${p.add(33)}`, p.values);
    });
    expect(seen.map((r) => r.a)).toEqual(["thirty-three"]);
    expect((await read(33)).map((r) => r.a)).toEqual(["thirty-three"]);
  });

  it("writes the statements a transaction issues together to its connection at once (PostgreSQL: one socket write per burst)", async () => {
    const proto = net.Socket.prototype as unknown as Record<"_write" | "_writev", (this: net.Socket, ...args: unknown[]) => unknown>;
    const original = { _write: proto._write, _writev: proto._writev };
    // A pooled connection already open, so that no connection handshake is counted.
    await db().sql.query(`SELECT 1 AS "one"`);
    let writes = 0;
    for (const method of ["_write", "_writev"] as const) {
      proto[method] = function (...args) {
        writes++;
        return original[method].apply(this, args);
      };
    }
    try {
      await inTransaction(db(), async (tx) => {
        for (const id of [40, 41, 42]) await send(tx, insert(id, `n${id}`), values(id, `n${id}`));
        await tx.query(`SELECT * FROM "DriverProbe"`);
      });
    } finally {
      Object.assign(proto, original);
    }
    // BEGIN, the three inserts and the read in one write; COMMIT in another. SQLite has no socket.
    expect(writes).toBe(kind === "postgresql" ? 2 : 0);
    expect((await read(42)).map((r) => r.a)).toEqual(["n42"]);
  });

  it("rolls back when the work throws after its writes", async () => {
    await expect(
      inTransaction(db(), async (tx) => {
        await tx.execute(insert(10, "ten"), values(10, "ten"));
        throw new Error("changed its mind");
      }),
    ).rejects.toThrow("changed its mind");
    expect(await read(10)).toEqual([]);
  });

  it("keeps answering a repeated statement after a migration changes its table's columns", async () => {
    await inTransaction(db(), (tx) => tx.execute(insert(20, "twenty"), values(20, "twenty")));
    // Prepared on every pooled connection (PostgreSQL names a text from its second run on).
    for (let round = 0; round < 3; round++) await Promise.all(Array.from({ length: 12 }, () => read(20)));
    await db().sql.execute(`ALTER TABLE "DriverProbe" ADD COLUMN "b" TEXT`);
    const after = await Promise.all(Array.from({ length: 12 }, () => read(20)));
    for (const rows of after) expect(rows).toEqual([expect.objectContaining({ id: 20, a: "twenty", b: null })]);
    await db().sql.execute(`ALTER TABLE "DriverProbe" DROP COLUMN "b"`);
    const inside = await Promise.all(
      Array.from({ length: 12 }, () =>
        inTransaction(db(), async (tx) => {
          const p = new SqlParams(tx.kind);
          return tx.query<{ id: number; a: string }>(`SELECT * FROM "DriverProbe" WHERE "id" = ${p.add(20)}`, p.values);
        }),
      ),
    );
    for (const rows of inside) expect(rows).toEqual([{ id: 20, a: "twenty" }]);
  });
});
