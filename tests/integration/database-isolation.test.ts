// Statements outside a transaction never run inside someone else's. On SQLite, Prisma and the plain
// SQL driver share one connection: while a Prisma interactive transaction is open on it (revokeApiClient,
// deleteDirectory, …), a statement sent on that connection would read the transaction's uncommitted
// rows, and a write would be rolled back with it. On PostgreSQL each statement has a pooled connection.
import { describe, expect, it } from "vitest";
import { SqlParams } from "@/lib/db/sql";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DATABASE_KINDS)("isolation from an open Prisma transaction on %s", (kind) => {
  const database = useTestDatabase(kind);

  /** Opens a transaction that writes `key`, waits, then rolls back; resolves once the write is made. */
  async function openTransaction(key: string) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const done = database.current.db.prisma
      .$transaction(async (tx) => {
        await tx.appSetting.create({ data: { key, value: "uncommitted" } });
        started();
        await held;
        throw new Error("roll back");
      })
      .catch(() => "rolled back");
    await inside;
    return { release, done };
  }

  async function count(key: string): Promise<number> {
    const db = database.current.db;
    const p = new SqlParams(db.kind);
    const [row] = await db.sql.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM "AppSetting" WHERE "key" = ${p.add(key)}`, p.values);
    return Number(row.n);
  }

  it("a read through the driver does not see the transaction's uncommitted row", async () => {
    const tx = await openTransaction("isolation-driver-read");
    const read = count("isolation-driver-read");
    await sleep(20);
    tx.release();
    expect(await tx.done).toBe("rolled back");
    expect(await read).toBe(0);
  });

  it("a read through Prisma outside the transaction does not see its uncommitted row", async () => {
    const tx = await openTransaction("isolation-prisma-read");
    const read = database.current.db.prisma.appSetting.count({ where: { key: "isolation-prisma-read" } });
    await sleep(20);
    tx.release();
    expect(await tx.done).toBe("rolled back");
    expect(await read).toBe(0);
  });

  it("a write through the driver or Prisma is not rolled back with the transaction", async () => {
    const db = database.current.db;
    const tx = await openTransaction("isolation-rolled-back");
    const p = new SqlParams(db.kind);
    const driverWrite = db.sql.execute(`INSERT INTO "AppSetting" ("key", "value") VALUES (${p.add("isolation-driver-write")}, ${p.add("kept")})`, p.values);
    const prismaWrite = db.prisma.appSetting.create({ data: { key: "isolation-prisma-write", value: "kept" } });
    await sleep(20);
    tx.release();
    expect(await tx.done).toBe("rolled back");
    await Promise.all([driverWrite, prismaWrite]);
    expect(await count("isolation-rolled-back")).toBe(0);
    expect(await count("isolation-driver-write")).toBe(1);
    expect(await count("isolation-prisma-write")).toBe(1);
  });
});
