// Roster's database: `Database = { kind, prisma, sql }`, the Prisma client and a plain SQL driver on the
// same connection(s). Both generated Prisma clients come from one schema, so their APIs are identical;
// the PostgreSQL one is typed as the SQLite one (see prisma/schema.prisma).
//
// The rule (ARCHITECTURE.md): Prisma for admin CRUD and anything off the request path; plain SQL
// through `db.sql` on the SCIM, token and API hot paths. Why: a Prisma query costs 0.3–2 ms of CPU in
// its query compiler and interpreter, the driver call it ends in 10–100 µs. On SQLite a transaction
// through the driver also runs without yielding to the event loop, so the single connection is held
// for microseconds instead of for the whole of an interactive Prisma transaction.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { processRegistry } from "@/lib/process-registry";
import { settings } from "@/lib/settings";
import type { DatabaseConfig } from "./config";
import { isStalePlan } from "./errors";
import { startCheckpointer, type Checkpointer } from "./sqlite-checkpoints";

export type PrismaDb = SqliteClient;
export type DbKind = DatabaseConfig["kind"];
export type Tx = Parameters<Parameters<PrismaDb["$transaction"]>[0]>[0];

/** How long a SQLite connection waits for a lock held by another process before SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** Plain SQL on Roster's connection(s): `?` placeholders on SQLite, `$n` on PostgreSQL. */
export interface SqlExecutor {
  readonly kind: DbKind;
  /** Rows of a statement that returns rows (SELECT, or a write with RETURNING). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Rows changed by a statement that returns none. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  /** In inTransaction (lib/db/transaction.ts): runs `fn` once this attempt committed (never for one retried). */
  afterCommit?(fn: () => void): void;
  /**
   * In a transaction: runs a statement whose answer nobody reads. On PostgreSQL it is sent at once and
   * not waited for (it goes out with the statements after it, or with COMMIT); if it fails, the
   * transaction fails with its error. On SQLite it runs at once, like execute. Use `send` in
   * lib/db/sql.ts, which falls back to execute outside a transaction.
   */
  send?(sql: string, params?: readonly unknown[]): void;
}

export interface SqlDriver extends SqlExecutor {
  /**
   * Runs `work` in one transaction: on PostgreSQL on a connection of its own; on SQLite under the same
   * lock as Prisma's interactive transactions (BEGIN IMMEDIATE, so the write lock is taken up front).
   * Values returned by the driver: SQLite gives text dates, 0/1 booleans and JSON text; PostgreSQL
   * gives Dates, booleans and parsed JSON (lib/provisioning/records.ts reads both).
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** PostgreSQL: the connection pool's use, for /api/metrics (SQLite has one connection and no pool). */
  poolStats?(): { total: number; idle: number; waiting: number; max: number };
}

/** A FIFO lock: acquire() resolves to the release function once every earlier holder released. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const before = this.tail;
    this.tail = before.then(() => held);
    return before.then(() => release);
  }
}

// ---------- SQLite ----------

/** Prisma's adapter stores DateTime as ISO 8601 text with "+00:00"; values are bound the same way. */
function sqliteArg(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

const STATEMENT_CACHE_SIZE = 500;

class SqliteDriver implements SqlDriver {
  readonly kind = "sqlite" as const;
  /** Shared with Prisma's interactive transactions (see sqliteAdapter). */
  readonly lock = new Lock();
  private database?: BetterSqlite3.Database;
  private statements = new Map<string, BetterSqlite3.Statement>();
  private checkpointer?: Checkpointer;

  constructor(
    private readonly file: string,
    private readonly connect: () => Promise<void>,
  ) {}

  /** The connection Prisma's adapter opened; its WAL checkpoints move to a worker (./sqlite-checkpoints.ts). */
  attach(database: BetterSqlite3.Database) {
    this.database = database;
    this.statements = new Map();
    void this.checkpointer?.stop();
    this.checkpointer = startCheckpointer(this.file, database);
  }

  /** Before the connection closes. */
  async detach() {
    this.database = undefined;
    this.statements = new Map();
    const checkpointer = this.checkpointer;
    this.checkpointer = undefined;
    await checkpointer?.stop();
  }

  private async open(): Promise<BetterSqlite3.Database> {
    if (!this.database) await this.connect();
    if (!this.database) throw new Error("The SQLite connection is not open");
    return this.database;
  }

  private statement(database: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = database.prepare(sql);
      // Prisma turns safe integers on for the connection; plain numbers are what Roster's code expects.
      if (stmt.reader) stmt.safeIntegers(false);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private runSync(database: BetterSqlite3.Database, sql: string, params: readonly unknown[]): { rows?: unknown[]; changes: number } {
    const stmt = this.statement(database, sql);
    const args = params.map(sqliteArg);
    if (stmt.reader) return { rows: stmt.all(...args), changes: 0 };
    return { changes: stmt.run(...args).changes };
  }

  private executor(database: BetterSqlite3.Database): SqlExecutor {
    return {
      kind: "sqlite",
      query: async <T>(sql: string, params: readonly unknown[] = []) => (this.runSync(database, sql, params).rows ?? []) as T[],
      execute: async (sql: string, params: readonly unknown[] = []) => this.runSync(database, sql, params).changes,
      // Synchronous: a failure is thrown to the caller at once, as an awaited execute's would be.
      send: (sql: string, params: readonly unknown[] = []) => void this.runSync(database, sql, params),
    };
  }

  async query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return ((await this.runOutside(sql, params)).rows ?? []) as T[];
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.runOutside(sql, params)).changes;
  }

  /**
   * A statement outside any transaction. While a transaction is open on the single connection (a Prisma
   * interactive one, or one of this driver's awaiting its work), a statement sent on the connection
   * would run inside it: read its uncommitted rows, and be rolled back with it. So it waits for the
   * lock, which every transaction holds until it ends; when none is open, it runs at once.
   */
  private async runOutside(sql: string, params: readonly unknown[]): Promise<{ rows?: unknown[]; changes: number }> {
    const database = await this.open();
    if (!database.inTransaction) return this.runSync(database, sql, params);
    const release = await this.lock.acquire();
    try {
      return this.runSync(await this.open(), sql, params);
    } finally {
      release();
    }
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const database = await this.open();
    const release = await this.lock.acquire();
    try {
      this.statement(database, "BEGIN IMMEDIATE").run();
      try {
        const result = await work(this.executor(database));
        this.statement(database, "COMMIT").run();
        return result;
      } catch (e) {
        if (database.inTransaction) this.statement(database, "ROLLBACK").run();
        throw e;
      }
    } finally {
      release();
    }
  }
}

type AdapterFactory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<AdapterFactory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * Prisma's better-sqlite3 adapter, with two additions: the connection it opens is handed to the
 * driver, and its interactive transactions take the driver's lock, so a driver transaction and a
 * Prisma one never interleave on the single connection.
 */
function sqliteAdapter(url: string, driver: SqliteDriver): AdapterFactory {
  const inner = new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const connect = async (): Promise<Adapter> => {
    const adapter = await inner.connect();
    driver.attach((adapter as unknown as { client: BetterSqlite3.Database }).client);
    const startTransaction = adapter.startTransaction.bind(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const release = await driver.lock.acquire();
      let tx: Transaction;
      try {
        tx = await startTransaction(isolationLevel);
      } catch (e) {
        release();
        throw e;
      }
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      let done = false;
      tx.commit = () => (done ? Promise.resolve() : ((done = true), commit().finally(release)));
      tx.rollback = () => (done ? Promise.resolve() : ((done = true), rollback().finally(release)));
      // Prisma calls neither commit() nor rollback() when the COMMIT statement itself fails (SQLITE_FULL,
      // SQLITE_IOERR, SQLITE_BUSY): roll back and release here, or the lock is held for good.
      const executeRaw = tx.executeRaw.bind(tx);
      tx.executeRaw = async (query) => {
        try {
          return await executeRaw(query);
        } catch (e) {
          if (/^\s*COMMIT\s*$/i.test(query.sql)) {
            await executeRaw({ ...query, sql: "ROLLBACK" }).catch(() => undefined);
            await tx.rollback();
          }
          throw e;
        }
      };
      return tx;
    };
    adapter.dispose = async () => {
      await driver.detach();
      return dispose();
    };
    return adapter;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect,
    connectToShadowDb: () => inner.connectToShadowDb(),
  } as unknown as AdapterFactory;
}

// ---------- PostgreSQL ----------

const TIMESTAMP_OID = 1114;

/** TIMESTAMP(3) columns hold UTC (as Prisma writes them); pg would read them as local time. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary"
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

function pgArg(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

/**
 * Statement texts run more than once are prepared on each connection under a name, so PostgreSQL parses
 * and plans them once per connection instead of on every run. Bounded: at most MAX_NAMED_TEXTS texts,
 * none longer than MAX_NAMED_LENGTH (IN lists and multi-row INSERTs of many sizes stay unnamed).
 */
const MAX_NAMED_TEXTS = 500;
const MAX_NAMED_LENGTH = 8000;

/**
 * Holds a transaction's writes to its connection until the current burst of work is done: statements
 * issued together (BEGIN with the first ones, sent writes with COMMIT, the reads of a Promise.all) go
 * out in one socket write instead of one each (pg corks per statement; the counts nest). Released on
 * the next tick, which in a promise continuation comes once every continuation ready to run has run.
 */
function batchWrites(client: pg.PoolClient) {
  const stream = (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void; writableCorked?: number } } }).connection?.stream;
  if (!stream?.cork || !stream.uncork || stream.writableCorked) return;
  stream.cork();
  process.nextTick(() => stream.uncork!());
}

class PostgresDriver implements SqlDriver {
  readonly kind = "postgresql" as const;
  private names = new Map<string, string>();
  private seen = new Set<string>();
  private generation = 0;
  private readonly direct: SqlExecutor;

  constructor(private readonly pool: pg.Pool) {
    this.direct = this.executor(pool);
  }

  poolStats() {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount, max: this.pool.options.max ?? 10 };
  }

  /** The text's statement name, once it was seen before (and while there is room for more names). */
  private nameOf(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined || text.length > MAX_NAMED_LENGTH || this.names.size >= MAX_NAMED_TEXTS) return name;
    if (!this.seen.has(text)) {
      if (this.seen.size >= 5 * MAX_NAMED_TEXTS) this.seen.clear();
      this.seen.add(text);
      return undefined;
    }
    const named = `roster_${this.generation}_${this.names.size}`;
    this.names.set(text, named);
    return named;
  }

  private async run(client: pg.Pool | pg.PoolClient, text: string, params: readonly unknown[], retry: boolean): Promise<pg.QueryResult> {
    const name = this.nameOf(text);
    try {
      return await client.query({ name, text, values: params.map(pgArg), types: pgTypes });
    } catch (e) {
      if (!name || !isStalePlan(e)) throw e;
      // A migration changed a table under a prepared `SELECT *`: new names from now on, on every connection.
      this.names = new Map();
      this.generation++;
      // Inside a transaction the error aborted it: transaction.ts runs the whole transaction again.
      if (!retry) throw e;
      return client.query({ text, values: params.map(pgArg), types: pgTypes });
    }
  }

  /** Statements on the pool. */
  private executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
    return {
      kind: "postgresql",
      query: async <T>(sql: string, params: readonly unknown[] = []) => (await this.run(client, sql, params, true)).rows as T[],
      execute: async (sql: string, params: readonly unknown[] = []) => (await this.run(client, sql, params, true)).rowCount ?? 0,
    };
  }

  /**
   * Statements on a transaction's connection, pipelined: each goes out at once, behind `unanswered` (its
   * BEGIN, then the statements not yet known to have been answered). A statement's answer is handed over
   * once everything sent before it was answered, and when any of those failed, the first failure is the
   * one thrown: once one statement of the block failed, every later one fails with "current transaction
   * is aborted", which says nothing.
   */
  private transactionExecutor(client: pg.PoolClient, unanswered: Promise<unknown>[]): SqlExecutor {
    const issue = (sql: string, params: readonly unknown[]) => {
      batchWrites(client);
      const result = this.run(client, sql, params, false);
      result.catch(() => undefined);
      return result;
    };
    const run = async (sql: string, params: readonly unknown[]) => {
      const before = unanswered.splice(0);
      const result = issue(sql, params);
      unanswered.push(result);
      const settled = await Promise.allSettled([...before, result]);
      const failed = settled.find((s) => s.status === "rejected");
      if (failed) throw failed.reason;
      return result;
    };
    return {
      kind: "postgresql",
      query: async <T>(sql: string, params: readonly unknown[] = []) => (await run(sql, params)).rows as T[],
      execute: async (sql: string, params: readonly unknown[] = []) => (await run(sql, params)).rowCount ?? 0,
      send: (sql: string, params: readonly unknown[] = []) => void unanswered.push(issue(sql, params)),
    };
  }

  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.direct.query<T>(sql, params);
  }

  execute(sql: string, params?: readonly unknown[]): Promise<number> {
    return this.direct.execute(sql, params);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const pipelined = client as pg.PoolClient & { pipeline: boolean };
    let broken: Error | undefined;
    try {
      // Pipelined (pg's pipeline mode, on this connection for this transaction): BEGIN goes out with the
      // first statement instead of a round trip ahead of it. Statements still run in order, and once
      // one fails in the block every later one fails too.
      pipelined.pipeline = true;
      batchWrites(client);
      const begun = client.query("BEGIN");
      begun.catch(() => undefined);
      const unanswered: Promise<unknown>[] = [begun];
      const result = await work(this.transactionExecutor(client, unanswered));
      // COMMIT goes out behind the statements sent and not yet answered; if one of them failed, the
      // server answers COMMIT with a rollback, and that statement's error is thrown here.
      batchWrites(client);
      const committed = client.query("COMMIT");
      committed.catch(() => undefined);
      for (const s of await Promise.allSettled([...unanswered, committed])) if (s.status === "rejected") throw s.reason;
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
      throw e;
    } finally {
      pipelined.pipeline = false;
      client.release(broken);
    }
  }
}

// ---------- Clients ----------

/** Roster's database: the Prisma client and the plain SQL driver on the same connection(s). */
export interface Database {
  readonly kind: DbKind;
  readonly prisma: PrismaDb;
  readonly sql: SqlDriver;
}

export function createDb(config: DatabaseConfig): Database {
  if (config.kind === "sqlite") {
    mkdirSync(dirname(config.file), { recursive: true });
    // The driver reconnects through the client, which is created after it.
    const holder: { client?: SqliteClient } = {};
    const driver = new SqliteDriver(config.file, () => holder.client!.$connect());
    const client = new SqliteClient({ adapter: sqliteAdapter(config.url, driver) });
    holder.client = client;
    // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes in WAL mode.
    void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch(() => undefined);
    void client.$queryRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => undefined);
    return { kind: "sqlite", prisma: client, sql: driver };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: settings().databasePoolSize,
    connectionTimeoutMillis: 5_000,
  });
  // An idle pooled connection that the server ends (restart, failover, pg_terminate_backend) emits
  // "error" on the pool; pg drops that connection and opens a new one on the next query. Without a
  // listener the event is an uncaught exception that takes the whole process down.
  pool.on("error", (e) => console.warn(`[roster] PostgreSQL connection lost while idle (${(e as { code?: string }).code ?? e.message}); the pool reconnects`));
  const client = new PostgresClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  return { kind: "postgresql", prisma: client as unknown as PrismaDb, sql: new PostgresDriver(pool) };
}

/**
 * The process-wide database, in the process registry: `npm start` loads this module twice (the front
 * server's copy and Next's bundle) and both must use ONE client — on SQLite one connection, as two
 * would lock each other out.
 */
export function getDb(): Database {
  const registry = processRegistry();
  return (registry.database ??= createDb(settings().database));
}

/** Lets tests point the process-wide database at their own. */
export function setDbForTests(db: Database) {
  processRegistry().database = db;
}
