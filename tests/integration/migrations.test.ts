// Migrations on both databases: a fresh database reaches the current schema, a second run is a no-op,
// and two migrators started at once (two instances booting) do not collide.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { DatabaseConfig } from "@/lib/db/config";
import { createDb } from "@/lib/db/client";
import { loadMigrations, migrate } from "@/lib/db/migrate";
import { DATABASE_KINDS, testPostgresAdminUrl } from "../support/database";

async function freshConfig(kind: DatabaseConfig["kind"]): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "roster-mig-"));
    const file = join(dir, "m.db");
    return { config: { kind, file, url: `file:${file}` }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `roster_mig_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testPostgresAdminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(testPostgresAdminUrl());
  url.pathname = `/${name}`;
  return {
    config: { kind, url: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: testPostgresAdminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

function runMigratorProcess(url: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], { env: { ...process.env, DATABASE_URL: url } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe.each(DATABASE_KINDS)("migrations on %s", (kind) => {
  it("migrates a fresh database to the current schema; a second run is a no-op", async () => {
    const { config, drop } = await freshConfig(kind);
    try {
      const all = loadMigrations(kind).map((m) => m.name);
      expect(all.length).toBeGreaterThan(0);
      const first = await migrate(config);
      expect(first.applied).toEqual(all);
      const second = await migrate(config);
      expect(second).toEqual({ applied: [], alreadyApplied: all.length });
      // The schema matches the Prisma client: every model can be queried.
      const db = createDb(config);
      try {
        const directory = await db.directory.create({ data: { name: "m" } });
        await db.scimUser.create({ data: { directoryId: directory.id, userName: "U", userNameKey: "u", resource: {}, profileFields: {} } });
        await expect(
          db.scimUser.create({ data: { directoryId: directory.id, userName: "u", userNameKey: "u", resource: {}, profileFields: {} } }),
        ).rejects.toThrow();
        expect(await db.scimUser.count()).toBe(1);
        for (const model of ["admin", "appSetting", "apiClient", "accessToken", "rateLimitBucket", "scimUserEmail", "scimGroup", "scimGroupMember", "activityLog", "provisioningEvent", "directoryProfileField"] as const) {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- same call on every delegate
          expect(await (db[model] as any).count()).toBeGreaterThanOrEqual(0);
        }
      } finally {
        await db.$disconnect();
      }
    } finally {
      await drop();
    }
  });

  it("three migrator processes started at once apply each migration exactly once", async () => {
    const { config, drop } = await freshConfig(kind);
    try {
      const runs = await Promise.all([1, 2, 3].map(() => runMigratorProcess(config.url)));
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
      const applying = runs.filter((r) => /applied \d/.test(r.out) || /: applied /.test(r.out));
      expect(applying.length).toBe(1);
      expect(await migrate(config)).toEqual({ applied: [], alreadyApplied: loadMigrations(kind).length });
    } finally {
      await drop();
    }
  });
});
