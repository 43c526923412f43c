// Applies the SQL migrations in prisma/migrations (SQLite) or prisma/postgresql/migrations.
//
// Why not `prisma migrate deploy`: Prisma 6's migrate needs a downloaded schema-engine binary, and
// through @prisma/adapter-pg 6 it fails on PostgreSQL's `name` type. The SQL files themselves come from
// `prisma migrate diff` (scripts/new-migration.mjs), so Prisma still writes every migration; this runner
// only applies them: each in its own transaction, recorded with a checksum, and serialised between
// concurrent starters (PostgreSQL advisory lock; SQLite BEGIN IMMEDIATE).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseConfig } from "./config";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

const TABLE = "_roster_migrations";
// Any constant works; it only has to be the same for every Roster instance.
const PG_ADVISORY_LOCK_KEY = 0x524f5354; // "ROST"

export function migrationsDir(kind: DatabaseConfig["kind"], root = process.cwd()): string {
  return resolve(/*turbopackIgnore: true*/ root, kind === "sqlite" ? "prisma/migrations" : "prisma/postgresql/migrations");
}

export function loadMigrations(kind: DatabaseConfig["kind"], root = process.cwd()): Migration[] {
  const dir = migrationsDir(kind, root);
  if (!existsSync(/*turbopackIgnore: true*/ dir)) throw new Error(`migrations folder not found: ${dir}`);
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(/*turbopackIgnore: true*/ join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(/*turbopackIgnore: true*/ join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function checkApplied(migrations: Migration[], applied: Map<string, string>) {
  const known = new Map(migrations.map((m) => [m.name, m.checksum]));
  for (const [name, checksum] of applied) {
    const expected = known.get(name);
    if (expected && expected !== checksum) {
      throw new Error(`migration ${name} was changed after it was applied (checksum mismatch)`);
    }
  }
}

export async function migrate(config: DatabaseConfig, root = process.cwd()): Promise<MigrationResult> {
  const migrations = loadMigrations(config.kind, root);
  return config.kind === "sqlite" ? migrateSqlite(config.file, migrations) : migratePostgres(config.url, migrations);
}

function migrateSqlite(file: string, migrations: Migration[]): MigrationResult {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 30_000 });
  try {
    db.pragma("journal_mode = WAL");
    // BEGIN IMMEDIATE takes the write lock up front, so a second migrator waits here (busy timeout)
    // and then sees the first one's work instead of applying the same migration twice.
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(`CREATE TABLE IF NOT EXISTS "${TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const rows = db.prepare(`SELECT name, checksum FROM "${TABLE}"`).all() as { name: string; checksum: string }[];
      const applied = new Map(rows.map((r) => [r.name, r.checksum]));
      checkApplied(migrations, applied);
      const result: MigrationResult = { applied: [], alreadyApplied: 0 };
      const insert = db.prepare(`INSERT INTO "${TABLE}" (name, checksum, applied_at) VALUES (?, ?, ?)`);
      for (const m of migrations) {
        if (applied.has(m.name)) {
          result.alreadyApplied++;
          continue;
        }
        db.exec(m.sql);
        insert.run(m.name, m.checksum, new Date().toISOString());
        result.applied.push(m.name);
      }
      db.exec("COMMIT");
      return result;
    } catch (e) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw e;
    }
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    // Session-level advisory lock: concurrent instances queue here; the lock dies with the connection.
    await client.query("SELECT pg_advisory_lock($1)", [PG_ADVISORY_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${TABLE}"`);
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    checkApplied(migrations, applied);
    const result: MigrationResult = { applied: [], alreadyApplied: 0 };
    for (const m of migrations) {
      if (applied.has(m.name)) {
        result.alreadyApplied++;
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "${TABLE}" (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
      }
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** Which migrations the database has, and which it still lacks (for /api/health). */
export async function migrationStatus(
  query: (sql: string) => Promise<{ name: string }[]>,
  kind: DatabaseConfig["kind"],
  root = process.cwd(),
): Promise<MigrationStatus> {
  let names: string[] = [];
  try {
    names = (await query(`SELECT name FROM "${TABLE}" ORDER BY name`)).map((r) => r.name);
  } catch {
    names = [];
  }
  let available: string[] = [];
  try {
    available = loadMigrations(kind, root).map((m) => m.name);
  } catch {
    available = names;
  }
  const have = new Set(names);
  return { applied: names, pending: available.filter((n) => !have.has(n)) };
}
