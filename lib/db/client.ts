// The Prisma client for the configured database. Both generated clients come from one schema, so
// their APIs are identical; the PostgreSQL one is typed as the SQLite one (see prisma/schema.prisma).
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { resolveDatabaseConfig, type DatabaseConfig } from "./config";

export type Db = SqliteClient;
export type DbKind = DatabaseConfig["kind"];
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** How long a SQLite connection waits for a lock held by another process before SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function createDb(config: DatabaseConfig): Db {
  if (config.kind === "sqlite") {
    mkdirSync(dirname(config.file), { recursive: true });
    const client = new SqliteClient({
      adapter: new PrismaBetterSQLite3({ url: config.url, timeout: SQLITE_BUSY_TIMEOUT_MS }),
    });
    // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes in WAL mode.
    void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch(() => undefined);
    void client.$queryRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => undefined);
    return client;
  }
  const client = new PostgresClient({
    adapter: new PrismaPg({
      connectionString: config.url,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      connectionTimeoutMillis: 5_000,
    }),
  });
  return client as unknown as Db;
}

const globalForDb = globalThis as unknown as { rosterDb?: { db: Db; kind: DbKind } };

function instance() {
  if (!globalForDb.rosterDb) {
    const config = resolveDatabaseConfig();
    globalForDb.rosterDb = { db: createDb(config), kind: config.kind };
  }
  return globalForDb.rosterDb;
}

/** The process-wide client (one per process; next dev reloads keep it on globalThis). */
export function getDb(): Db {
  return instance().db;
}

export function getDbKind(): DbKind {
  return instance().kind;
}

/** Lets tests point the process-wide client at their own database. */
export function setDbForTests(db: Db, kind: DbKind) {
  globalForDb.rosterDb = { db, kind };
}
