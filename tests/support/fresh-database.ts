// A fresh, migrated database of either kind that its owner drops: for the test suites
// (tests/support/database.ts) and the process-level scripts (scripts/reliability). Free of vitest,
// so plain `tsx` scripts can use it.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Database, type DbKind } from "@/lib/db/client";
import type { DatabaseConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { createPostgresDatabase, dropPostgresDatabase, testPostgresAdminUrl, testPostgresUrl } from "./postgres-admin";

export { testPostgresAdminUrl };

export interface FreshDatabase {
  kind: DbKind;
  config: DatabaseConfig;
  url: string;
  db: Database;
  drop(): Promise<void>;
}

/** `label` names the temporary directory or PostgreSQL database, for whoever finds one left over. */
export async function createFreshDatabase(kind: DbKind, label: string): Promise<FreshDatabase> {
  const safeLabel = label.replace(/\W/g, "_");
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), `roster-${safeLabel}-`));
    const file = join(dir, "roster.db");
    const config: DatabaseConfig = { kind, file, url: `file:${file}` };
    await migrate(config);
    const db = createDb(config);
    return {
      kind,
      config,
      url: config.url,
      db,
      async drop() {
        await db.prisma.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `roster_${safeLabel}_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await createPostgresDatabase(name);
  const config: DatabaseConfig = { kind, url: testPostgresUrl(name) };
  await migrate(config);
  const db = createDb(config);
  return {
    kind,
    config,
    url: config.url,
    db,
    async drop() {
      await db.prisma.$disconnect().catch(() => undefined);
      await dropPostgresDatabase(name);
    },
  };
}
