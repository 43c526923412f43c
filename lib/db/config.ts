// Which database Roster talks to, decided once from DATABASE_URL (read by lib/settings.ts):
// unset → the embedded SQLite file ./data/roster.db; file:… → that SQLite file; postgres(ql)://… → PostgreSQL.
import { isAbsolute, resolve } from "node:path";

export type DatabaseConfig =
  | { kind: "sqlite"; file: string; url: string }
  | { kind: "postgresql"; url: string };

export const DEFAULT_SQLITE_FILE = "data/roster.db";

export function resolveDatabaseConfig(databaseUrl: string | undefined, cwd = process.cwd()): DatabaseConfig {
  const url = databaseUrl?.trim();
  if (!url) return sqlite(resolve(cwd, DEFAULT_SQLITE_FILE));
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: "postgresql", url };
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!path) throw new Error("DATABASE_URL=file: needs a path, e.g. file:./data/roster.db");
    return sqlite(isAbsolute(path) ? path : resolve(cwd, path));
  }
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)");
}

function sqlite(file: string): DatabaseConfig {
  return { kind: "sqlite", file, url: `file:${file}` };
}

/** The same URL with any password replaced, for logs and the health endpoint. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === "sqlite") return config.file;
  try {
    const u = new URL(config.url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgresql";
  }
}
