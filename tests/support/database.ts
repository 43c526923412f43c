// A fresh, migrated database per test file, on SQLite or PostgreSQL, never a shared one.
// PostgreSQL comes from TEST_POSTGRES_URL (default: the local server CI and sessions have).
// Against external servers (ROSTER_TEST_BASE_URLS, see scim-harness.ts) the suites use instead the
// database those servers run on, ROSTER_TEST_DATABASE_URL, which the caller created and migrated.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createDb, setDbForTests, type Db, type DbKind } from "@/lib/db/client";
import { resolveDatabaseConfig, type DatabaseConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";

/** The database of external servers under test, when the suites target them (else undefined). */
export function externalDatabaseConfig(): DatabaseConfig | undefined {
  const url = process.env.ROSTER_TEST_DATABASE_URL?.trim();
  return url ? resolveDatabaseConfig(url) : undefined;
}

export const DATABASE_KINDS: DbKind[] = externalDatabaseConfig() ? [externalDatabaseConfig()!.kind] : ["sqlite", "postgresql"];

export function testPostgresAdminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
}

export interface TestDatabase {
  kind: DbKind;
  config: DatabaseConfig;
  db: Db;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  const external = externalDatabaseConfig();
  if (external && external.kind === kind) {
    // Someone else's database: connect, never migrate or drop it.
    const db = createDb(external);
    return { kind, config: external, db, drop: () => db.$disconnect() };
  }
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "roster-test-"));
    const file = join(dir, "roster.db");
    const config: DatabaseConfig = { kind, file, url: `file:${file}` };
    await migrate(config);
    const db = createDb(config);
    return {
      kind,
      config,
      db,
      async drop() {
        await db.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `roster_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const adminUrl = testPostgresAdminUrl();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { kind, url: url.toString() };
  await migrate(config);
  const db = createDb(config);
  return {
    kind,
    config,
    db,
    async drop() {
      await db.$disconnect();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Registers hooks that give the enclosing describe block its own database, also as the app's getDb(). */
export function useTestDatabase(kind: DbKind): { current: TestDatabase } {
  const ref = {} as { current: TestDatabase };
  beforeAll(async () => {
    ref.current = await createTestDatabase(kind);
    setDbForTests(ref.current.db, kind);
  });
  afterAll(async () => {
    await ref.current?.drop();
  });
  return ref;
}
