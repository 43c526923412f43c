// The SCIM tables are analyzed on PostgreSQL as the rows written grow (see table-statistics.ts). The
// ANALYZE runs in the background: the test awaits it (tableStatisticsSettled), it never sleeps.
import { afterEach, describe, expect, it } from "vitest";
import { setDbForTests } from "@/lib/db/client";
import { createDirectory } from "@/lib/admin/directories/create-directory";
import { DATABASE_KINDS, useTestDatabase } from "@/tests/support/database";
import { SCHEMA_USER } from "@/lib/scim/schema";
import { createUser } from "./create-user";
import { FIRST_ANALYZE_AFTER_ROWS, noteRowsInserted, resetTableStatistics, tableStatisticsSettled } from "./table-statistics";
import { TEST_ACTOR } from "../../tests/support/audit";

async function lastManualAnalyze(query: (sql: string) => Promise<{ at: Date | null }[]>): Promise<Date | null> {
  const [row] = await query(`SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = 'ScimUser'`);
  return row?.at ?? null;
}

describe.each(DATABASE_KINDS)("table statistics on %s", (kind) => {
  const database = useTestDatabase(kind);
  afterEach(() => resetTableStatistics());

  it(kind === "postgresql" ? "ANALYZEs the SCIM tables once the rows written reach the threshold, then at double" : "never runs ANALYZE on SQLite", async () => {
    setDbForTests(database.current.db);
    resetTableStatistics();
    const directory = await createDirectory({ name: "Statistics", active: true, actor: TEST_ACTOR });
    const ctx = { db: database.current.db, directoryId: directory.id, baseUrl: "http://roster.test/api/scim/v2" };
    const driver = database.current.db.sql;
    const executed: string[] = [];
    const original = driver.execute.bind(driver);
    driver.execute = (sql, params) => (executed.push(sql), original(sql, params));
    try {
      // Real creates count (one user row and one email row each)...
      for (let i = 0; i < 3; i++) await createUser({ ctx, body: { schemas: [SCHEMA_USER], userName: `stats-${i}@x`, emails: [{ value: `stats-${i}@x` }] } });
      // ...up to just below the threshold: nothing yet.
      noteRowsInserted(ctx, FIRST_ANALYZE_AFTER_ROWS - 7);
      await tableStatisticsSettled();
      expect(executed.filter((s) => s.startsWith("ANALYZE"))).toEqual([]);
      noteRowsInserted(ctx, 1);
      await tableStatisticsSettled();
      if (kind === "sqlite") {
        expect(executed.filter((s) => s.startsWith("ANALYZE"))).toEqual([]);
        return;
      }
      expect(executed.filter((s) => s.startsWith("ANALYZE"))).toHaveLength(1);
      expect(await lastManualAnalyze((sql) => driver.query(sql))).not.toBeNull();
      // The next one waits until the rows written have doubled.
      noteRowsInserted(ctx, FIRST_ANALYZE_AFTER_ROWS - 1);
      await tableStatisticsSettled();
      expect(executed.filter((s) => s.startsWith("ANALYZE"))).toHaveLength(1);
      noteRowsInserted(ctx, 1);
      await tableStatisticsSettled();
      expect(executed.filter((s) => s.startsWith("ANALYZE"))).toHaveLength(2);
    } finally {
      driver.execute = original;
    }
  });
});
