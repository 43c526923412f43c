// A fresh, migrated database per test file, on SQLite or PostgreSQL, never a shared one.
// PostgreSQL comes from TEST_POSTGRES_URL (default: the local server CI and sessions have).
// Against external servers (ROSTER_TEST_BASE_URLS, see scim-harness.ts) the suites use instead the
// database those servers run on, ROSTER_TEST_DATABASE_URL, which the caller created and migrated.
import { afterAll, beforeAll } from "vitest";
import { resetSettingsForTests } from "@/lib/settings";
import { createDb, setDbForTests, type Database, type DbKind } from "@/lib/db/client";
import { resolveDatabaseConfig, type DatabaseConfig } from "@/lib/db/config";
import { createFreshDatabase, testPostgresAdminUrl } from "./fresh-database";

/** The database of external servers under test, when the suites target them (else undefined). */
export function externalDatabaseConfig(): DatabaseConfig | undefined {
  const url = process.env.ROSTER_TEST_DATABASE_URL?.trim();
  return url ? resolveDatabaseConfig(url) : undefined;
}

export const DATABASE_KINDS: DbKind[] = externalDatabaseConfig() ? [externalDatabaseConfig()!.kind] : ["sqlite", "postgresql"];

export { testPostgresAdminUrl };

export interface TestDatabase {
  kind: DbKind;
  config: DatabaseConfig;
  db: Database;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  const external = externalDatabaseConfig();
  if (external && external.kind === kind) {
    // Someone else's database: connect, never migrate or drop it.
    const db = createDb(external);
    return { kind, config: external, db, drop: () => db.prisma.$disconnect() };
  }
  return createFreshDatabase(kind, "test");
}

/**
 * Registers hooks that give the enclosing describe block its own database, also as the app's getDb()
 * and as DATABASE_URL: the CLI (runCli) migrates the database that names, which must never be the
 * checkout's ./data/roster.db.
 */
export function useTestDatabase(kind: DbKind): { current: TestDatabase } {
  const ref = {} as { current: TestDatabase };
  let previousUrl: string | undefined;
  beforeAll(async () => {
    ref.current = await createTestDatabase(kind);
    setDbForTests(ref.current.db);
    previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = ref.current.config.url;
    resetSettingsForTests();
  });
  afterAll(async () => {
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    resetSettingsForTests();
    await ref.current?.drop();
  });
  return ref;
}
