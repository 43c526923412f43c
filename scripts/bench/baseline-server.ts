// The baseline: a bare node:http server that does, per POST, the one database write a user create
// needs at minimum (an INSERT of a user-sized row, through the same driver Roster uses: better-sqlite3
// for SQLite, pg for PostgreSQL), and nothing else. Roster's create throughput is reported as a ratio
// of this one's. Run as its own process (like Roster) by scripts/bench/baseline.ts.
//   BASELINE_DB=file:/abs/path.db | postgresql://…   PORT=…
import { randomUUID } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import pg from "pg";

const TABLE = `CREATE TABLE IF NOT EXISTS "BaselineUser" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "directoryId" TEXT NOT NULL,
  "userName" TEXT NOT NULL,
  "userNameKey" TEXT,
  "externalId" TEXT,
  "resource" TEXT NOT NULL,
  "createdAt" TEXT NOT NULL
)`;
const INDEX = `CREATE UNIQUE INDEX IF NOT EXISTS "BaselineUser_directory_userNameKey" ON "BaselineUser" ("directoryId", "userNameKey")`;
const INSERT_COLUMNS = `"id", "directoryId", "userName", "userNameKey", "externalId", "resource", "createdAt"`;
const DIRECTORY = "baseline";

type Insert = (row: unknown[]) => Promise<void>;

async function openStore(url: string): Promise<Insert> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { timeout: 10_000 });
    // The same settings Roster gives SQLite (lib/db/client.ts).
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec(TABLE);
    db.exec(INDEX);
    const stmt = db.prepare(`INSERT INTO "BaselineUser" (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    return async (row) => void stmt.run(...row);
  }
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  await pool.query(TABLE);
  await pool.query(INDEX);
  const sql = `INSERT INTO "BaselineUser" (${INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`;
  return async (row) => void (await pool.query(sql, row));
}

async function main() {
  const url = process.env.BASELINE_DB;
  if (!url) throw new Error("BASELINE_DB is required");
  const insert = await openStore(url);
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/health") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { userName: string; externalId?: string };
          const id = randomUUID();
          await insert([id, DIRECTORY, body.userName, body.userName.toLowerCase(), body.externalId ?? null, JSON.stringify(body), new Date().toISOString()]);
          const out = JSON.stringify({ id, userName: body.userName });
          res.writeHead(201, { "content-type": "application/json" }).end(out);
        } catch (e) {
          res.writeHead(500, { "content-type": "text/plain" }).end((e as Error).message);
        }
      })();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT), "127.0.0.1");
}

main().catch((e: Error) => {
  console.error(`[baseline] ${e.message}`);
  process.exit(1);
});
