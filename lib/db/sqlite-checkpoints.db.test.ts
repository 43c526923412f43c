// WAL checkpoints in a worker thread (lib/db/sqlite-checkpoints.ts): the serving connection stops
// checkpointing in its COMMITs, the pages still reach the database file, the WAL does not grow without
// bound, and the connection checkpoints again once the worker is gone.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startCheckpointer, type Checkpointer } from "./sqlite-checkpoints";
import { createFreshDatabase } from "@/tests/support/fresh-database";

const PAGE = 4096;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`never: ${what}`);
}

describe("SQLite checkpoints in a worker", () => {
  let dir: string;
  let file: string;
  let db: Database.Database;
  let checkpointer: Checkpointer | undefined;
  const autocheckpoint = () => db.pragma("wal_autocheckpoint", { simple: true });
  const walBytes = () => statSync(`${file}-wal`).size;
  /** About `pages` pages of rows, in one transaction. */
  const write = (pages: number) => {
    const insert = db.prepare("INSERT INTO probe (body) VALUES (?)");
    db.transaction(() => {
      for (let i = 0; i < pages; i++) insert.run("x".repeat(3000) + Math.random());
    })();
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "roster-checkpoints-"));
    file = join(dir, "probe.db");
    db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  });
  afterEach(async () => {
    await checkpointer?.stop();
    checkpointer = undefined;
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("turns the connection's own checkpoints off while the worker copies the WAL into the database file", async () => {
    checkpointer = startCheckpointer(file, db, { everyMs: 10, restartFrames: 100_000 });
    expect(await checkpointer.ready).toBe(true);
    expect(autocheckpoint()).toBe(0);
    const before = statSync(file).size;
    write(300);
    // Nobody on this connection checkpoints: the pages reach the file through the worker alone.
    await until(() => statSync(file).size >= before + 250 * PAGE, "the pages copied into the database file");
    await checkpointer.stop();
    expect(autocheckpoint()).toBe(1000);
  });

  it("lets the WAL start over instead of growing with every write", async () => {
    checkpointer = startCheckpointer(file, db, { everyMs: 5, restartFrames: 200 });
    expect(await checkpointer.ready).toBe(true);
    for (let round = 0; round < 20; round++) {
      const size = statSync(file).size;
      write(50);
      await until(() => statSync(file).size >= size + 40 * PAGE, "the round's pages checkpointed");
    }
    // 1,000 pages written; without checkpoints the WAL would hold them all, here it held one round's.
    expect(walBytes()).toBeLessThan(200 * PAGE);
    expect(db.prepare("SELECT COUNT(*) FROM probe").pluck().get()).toBe(1_000);
  });

  it("leaves the connection its own checkpoints when the worker cannot open the database", async () => {
    checkpointer = startCheckpointer(join(dir, "missing.db"), db, { everyMs: 5 });
    expect(await checkpointer.ready).toBe(false);
    expect(autocheckpoint()).toBe(1000);
  });
});

describe("Roster's SQLite connection", () => {
  it("has its checkpoints taken over by the worker", async () => {
    const fresh = await createFreshDatabase("sqlite", "checkpoints");
    try {
      const setting = async () => (await fresh.db.sql.query<{ wal_autocheckpoint: number }>("PRAGMA wal_autocheckpoint"))[0].wal_autocheckpoint;
      for (let i = 0; i < 500 && (await setting()) !== 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await setting()).toBe(0);
    } finally {
      await fresh.drop();
    }
  });
});
