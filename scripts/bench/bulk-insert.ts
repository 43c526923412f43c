// Fills a directory with users straight into the database (not over HTTP), fast: the same Entra-shaped
// bodies go through Roster's own normaliser and column mapping (normalizeUser, userColumns), so the rows
// are what POST /Users would have stored, then they are written in large batches with the raw driver.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { userColumns } from "../../lib/provisioning/user-storage";
import { normalizeUser } from "../../lib/scim/resource/normalize-user";
import type { BenchDatabase } from "./database";
import { entraMappedUser, type NthUser, nthUser } from "../../lib/scim/test-support/fixtures";

export interface InsertedUser extends NthUser {
  id: string;
}

export interface BulkInsertOptions {
  db: BenchDatabase;
  directoryId: string;
  /** Prefix of the generated userNames; indexes run from `from` to `from + count - 1`. */
  prefix: string;
  from: number;
  count: number;
}

const USER_COLUMNS = [
  "id",
  "directoryId",
  "userName",
  "userNameKey",
  "externalId",
  "displayName",
  "givenName",
  "familyName",
  "primaryEmail",
  "active",
  "resource",
  "profileFields",
  "profileFieldsSchema",
  "version",
  "createdAt",
  "updatedAt",
] as const;
const EMAIL_COLUMNS = ["id", "directoryId", "userId", "position", "value", "valueKey", "type", "primary"] as const;

interface Rows {
  users: unknown[][];
  emails: unknown[][];
  inserted: InsertedUser[];
}

function buildRows(options: BulkInsertOptions, from: number, count: number, sqlite: boolean): Rows {
  const rows: Rows = { users: [], emails: [], inserted: [] };
  // Creation times a millisecond apart, all before now, so list order (createdAt, id) is stable.
  const base = Date.now() - (from + count) - 1;
  for (let i = from; i < from + count; i++) {
    const u = nthUser(options.prefix, i);
    const id = randomUUID();
    const normalized = normalizeUser(entraMappedUser(u, i), { mode: "create" });
    const c = userColumns(normalized);
    const at = new Date(base + i);
    // Prisma's SQLite adapter stores DateTime as ISO 8601 with "+00:00"; PostgreSQL gets UTC TIMESTAMP(3).
    const time = sqlite ? at.toISOString().replace("Z", "+00:00") : at.toISOString().slice(0, 23);
    rows.users.push([
      id,
      options.directoryId,
      c.userName,
      c.userNameKey,
      c.externalId,
      c.displayName,
      c.givenName,
      c.familyName,
      c.primaryEmail,
      sqlite ? (c.active ? 1 : 0) : c.active,
      JSON.stringify(c.resource),
      JSON.stringify(c.profileFields),
      c.profileFieldsSchema,
      1,
      time,
      time,
    ]);
    normalized.emails.forEach((e, position) => {
      rows.emails.push([randomUUID(), options.directoryId, id, position, e.value, e.value.toLowerCase(), e.type, sqlite ? (e.primary ? 1 : 0) : e.primary]);
    });
    rows.inserted.push({ ...u, id });
  }
  return rows;
}

const quoted = (cols: readonly string[]) => cols.map((c) => `"${c}"`).join(", ");

export async function bulkInsertUsers(options: BulkInsertOptions): Promise<InsertedUser[]> {
  return options.db.kind === "sqlite" ? insertSqlite(options) : insertPostgres(options);
}

function insertSqlite(options: BulkInsertOptions): InsertedUser[] {
  const db = new Database(options.db.file!, { timeout: 30_000 });
  try {
    db.pragma("journal_mode = WAL");
    const insertUser = db.prepare(`INSERT INTO "ScimUser" (${quoted(USER_COLUMNS)}) VALUES (${USER_COLUMNS.map(() => "?").join(", ")})`);
    const insertEmail = db.prepare(`INSERT INTO "ScimUserEmail" (${quoted(EMAIL_COLUMNS)}) VALUES (${EMAIL_COLUMNS.map(() => "?").join(", ")})`);
    const all: InsertedUser[] = [];
    // Batches of 5,000 rows per transaction: fast, and the server's own writes are never locked out long.
    for (let from = options.from; from < options.from + options.count; from += 5_000) {
      const rows = buildRows(options, from, Math.min(5_000, options.from + options.count - from), true);
      db.transaction(() => {
        for (const r of rows.users) insertUser.run(...r);
        for (const r of rows.emails) insertEmail.run(...r);
      })();
      all.push(...rows.inserted);
    }
    // Fold the bulk load into the database file now, as an operator would after one: otherwise the
    // server's first writes would pay for checkpointing a WAL of this size inside a measured phase.
    db.pragma("wal_checkpoint(TRUNCATE)");
    return all;
  } finally {
    db.close();
  }
}

async function insertPostgres(options: BulkInsertOptions): Promise<InsertedUser[]> {
  const client = new pg.Client({ connectionString: options.db.url });
  await client.connect();
  const all: InsertedUser[] = [];
  // Multi-row INSERTs (1,000 rows, under PostgreSQL's 65,535 bound parameters), one transaction per batch.
  const insert = async (table: string, cols: readonly string[], rows: unknown[][]) => {
    const casts: Record<string, string> = { resource: "::jsonb", profileFields: "::jsonb", createdAt: "::timestamp", updatedAt: "::timestamp" };
    for (let i = 0; i < rows.length; i += 1_000) {
      const part = rows.slice(i, i + 1_000);
      const params: unknown[] = [];
      const values = part.map((r) => `(${r.map((v, j) => (params.push(v), `$${params.length}${casts[cols[j]] ?? ""}`)).join(", ")})`).join(", ");
      await client.query(`INSERT INTO "${table}" (${quoted(cols)}) VALUES ${values}`, params);
    }
  };
  try {
    for (let from = options.from; from < options.from + options.count; from += 5_000) {
      const rows = buildRows(options, from, Math.min(5_000, options.from + options.count - from), false);
      await client.query("BEGIN");
      await insert("ScimUser", USER_COLUMNS, rows.users);
      await insert("ScimUserEmail", EMAIL_COLUMNS, rows.emails);
      await client.query("COMMIT");
      all.push(...rows.inserted);
    }
    // What autovacuum does within a minute of a load this size (insert-triggered since PostgreSQL 13):
    // statistics, and the visibility map that lets paging read the index alone.
    await client.query(`VACUUM (ANALYZE) "ScimUser", "ScimUserEmail"`);
    return all;
  } finally {
    await client.end();
  }
}
