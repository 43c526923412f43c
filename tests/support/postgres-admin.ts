// Throw-away PostgreSQL databases on the test server (TEST_POSTGRES_URL, default: the local server CI
// and sessions have), made and dropped by whoever runs the tests: the suites and scripts through
// fresh-database.ts, and the Playwright run on PostgreSQL (playwright.config.ts and e2e/), which must
// not load the Prisma client. Depends on pg only.
import pg from "pg";

export function testPostgresAdminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
}

/** The URL of the database `name` on the test server. */
export function testPostgresUrl(name: string): string {
  const url = new URL(testPostgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(sql: string) {
  const c = new pg.Client({ connectionString: testPostgresAdminUrl() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function createPostgresDatabase(name: string): Promise<void> {
  await adminQuery(`CREATE DATABASE "${name}"`);
}

/** Drops it even while a server is still connected (the run is over; its connections are ended). */
export async function dropPostgresDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
