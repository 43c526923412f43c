// A fresh database per server run: a SQLite file in a temporary folder, or a PostgreSQL database created
// on the local server (127.0.0.1) and dropped afterwards. Directories and their API clients come from
// the CLI, as an operator would create them.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { DirectoryCredentials } from "./scim-client";

export type BenchDbKind = "sqlite" | "postgresql";

export interface BenchDatabase {
  kind: BenchDbKind;
  url: string;
  /** The SQLite file (kind "sqlite"). */
  file?: string;
  /** Bytes on disk: SQLite file + WAL, or pg_database_size. */
  size(): Promise<number>;
  drop(): Promise<void>;
}

export function postgresAdminUrl(): string {
  return process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
}

function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`The bench only uses a local PostgreSQL, not ${host}`);
}

export async function createBenchDatabase(kind: BenchDbKind, label: string): Promise<BenchDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), `roster-bench-${label}-`));
    const file = join(dir, "roster.db");
    const fileSize = (f: string) => {
      try {
        return statSync(f).size;
      } catch {
        return 0;
      }
    };
    return {
      kind,
      url: `file:${file}`,
      file,
      size: async () => fileSize(file) + fileSize(`${file}-wal`),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = postgresAdminUrl();
  assertLocal(adminUrl);
  const name = `roster_bench_${label}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await withPg(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    kind,
    url,
    size: () => withPg(url, async (c) => Number((await c.query("SELECT pg_database_size(current_database()) AS n")).rows[0].n)),
    drop: () => withPg(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export async function withPg<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `roster directory create --json`: an active directory with one API client (migrates first). */
export function createDirectory(databaseUrl: string, name: string): DirectoryCredentials {
  const out = execFileSync("npx", ["tsx", "cli/roster.ts", "directory", "create", "--name", name, "--json"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const parsed = JSON.parse(out.trim().split("\n").pop()!) as { clientId: string; clientSecret: string; directory: { id: string } };
  return { directoryId: parsed.directory.id, clientId: parsed.clientId, clientSecret: parsed.clientSecret };
}
