// Migrations on both databases: a fresh database reaches the current schema, a second run is a no-op,
// the migrations in order build exactly what prisma/schema.prisma describes (no drift), and two
// migrators started at once (two instances booting) do not collide.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
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

/** The SQL that builds prisma/schema.prisma (or its PostgreSQL twin) from nothing, as scripts/new-migration.mjs runs it. */
function schemaFromEmptySql(kind: DatabaseConfig["kind"]): string {
  const schema = kind === "sqlite" ? "prisma/schema.prisma" : "prisma/postgresql/schema.prisma";
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true", PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true" };
  return execFileSync("npx", ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Tables, columns, indexes and constraints as the database reports them (the runner's own table left out). */
async function describeSchema(config: DatabaseConfig): Promise<unknown> {
  if (config.kind === "sqlite") {
    const db = new Database(config.file, { readonly: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_roster_migrations' ORDER BY name`).pluck().all() as string[];
      // By name, not position: a column added by a later migration comes last in the table.
      return tables.map((t) => ({
        table: t,
        columns: (db.pragma(`table_xinfo("${t}")`) as { cid?: number; name: string }[]).map(({ cid: _, ...c }) => c).sort((a, b) => a.name.localeCompare(b.name)),
        indexes: (db.pragma(`index_list("${t}")`) as { seq?: number; name: string }[])
          .map(({ seq: _, ...i }) => ({ ...i, columns: (db.pragma(`index_xinfo("${i.name}")`) as { name: string | null; desc: number; key: number }[]).filter((c) => c.key).map((c) => [c.name, c.desc]) }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        foreignKeys: (db.pragma(`foreign_key_list("${t}")`) as { id?: number; seq?: number; from: string }[]).map(({ id: _, ...f }) => f).sort((a, b) => a.from.localeCompare(b.from)),
      }));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    const rows = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await rows(
        `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_roster_migrations' ORDER BY table_name, column_name`,
      ),
      indexes: await rows(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_roster_migrations' ORDER BY tablename, indexname`),
      constraints: await rows(
        `SELECT c.conrelid::regclass::text AS "table", c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_roster_migrations' ORDER BY 1, 2`,
      ),
    };
  } finally {
    await client.end();
  }
}

async function applySql(config: DatabaseConfig, sql: string) {
  if (config.kind === "sqlite") {
    const db = new Database(config.file);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
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
        const directory = await db.prisma.directory.create({ data: { name: "m" } });
        await db.prisma.scimUser.create({ data: { directoryId: directory.id, userName: "U", userNameKey: "u", resource: {}, profileFields: {} } });
        await expect(
          db.prisma.scimUser.create({ data: { directoryId: directory.id, userName: "u", userNameKey: "u", resource: {}, profileFields: {} } }),
        ).rejects.toThrow();
        expect(await db.prisma.scimUser.count()).toBe(1);
        for (const model of ["admin", "appSetting", "apiClient", "accessToken", "rateLimitBucket", "scimUserEmail", "scimGroup", "scimGroupMember", "activityLog", "provisioningEvent", "directoryProfileField"] as const) {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- same call on every delegate
          expect(await (db.prisma[model] as any).count()).toBeGreaterThanOrEqual(0);
        }
      } finally {
        await db.prisma.$disconnect();
      }
    } finally {
      await drop();
    }
  });

  it("the migrations in order build the same tables, indexes and constraints as prisma/schema.prisma (no drift)", async () => {
    const migrated = await freshConfig(kind);
    const direct = await freshConfig(kind);
    try {
      await migrate(migrated.config);
      await applySql(direct.config, schemaFromEmptySql(kind));
      expect(await describeSchema(migrated.config)).toEqual(await describeSchema(direct.config));
    } finally {
      await migrated.drop();
      await direct.drop();
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
