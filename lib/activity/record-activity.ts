// Writes one activity-log row per request received (SCIM, token endpoint, /api/v1); the
// "activity-retention" job prunes old rows (lib/activity/retention-job.ts). Never throws: a logging failure must not fail (or change
// the answer to) the request it describes. Everything is redacted and size-capped here, so callers
// pass what they received and answered as it was.
//
// The row goes in through the plain SQL driver (lib/db/client.ts), not through Prisma: this runs once
// per request, and a Prisma create costs several times the INSERT it ends in.
import { uuidv7 } from "@/lib/db/uuid7";
import { getDb, type SqlExecutor } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";
import { capBody, redactForm, redactJson, redactQuery, scrubCredentials } from "./redact";
import { settings } from "@/lib/settings";
import { inTransaction } from "@/lib/db/transaction";
import { queueSyncHealth, recordSyncHealthWithin } from "@/lib/sync-health/queue-sync-health";
import type { SyncActivity } from "@/lib/sync-health/record-sync-health";
import type { EventTally } from "@/lib/events/record-events";

export interface ActivityEntry {
  directoryId?: string | null;
  /** The OAuth client_id as presented (also for failed authentications). */
  clientId?: string | null;
  requestId: string;
  /** Which endpoint: SCIM, the token endpoint, or the /api/v1 Directory API. */
  kind: "scim" | "token" | "api";
  method: string;
  path: string;
  /** The raw query string, without "?". */
  query?: string | null;
  status: number;
  scimType?: string | null;
  errorDetail?: string | null;
  /** e.g. "user.create", "group.patch", "token.issue", "token.denied". */
  operation: string;
  resourceType?: string | null;
  resourceId?: string | null;
  durationMs: number;
  ip?: string | null;
  userAgent?: string | null;
  /** Raw request body: JSON, or for kind "token" application/x-www-form-urlencoded. Redacted here. */
  requestBody?: string | null;
  /** Raw response body (JSON). Redacted here. */
  responseBody?: string | null;
  /** The events the request committed, by type (not a column: the sync-health change counts). */
  committedEvents?: EventTally;
}

/** Directory.lastActivityAt is written at most this often per directory and process. */
export const LAST_ACTIVITY_INTERVAL_MS = 1000;

// The ActivityLog columns (prisma/schema.prisma), in the order of activityValues.
const COLUMNS = [
  "id",
  "directoryId",
  "clientId",
  "requestId",
  "kind",
  "method",
  "path",
  "query",
  "status",
  "scimType",
  "errorDetail",
  "operation",
  "resourceType",
  "resourceId",
  "durationMs",
  "ip",
  "userAgent",
  "requestBody",
  "responseBody",
  "createdAt",
] as const;

const COLUMN_LIST = COLUMNS.map((c) => `"${c}"`).join(", ");

/** Inserts the rows in one statement (several rows: PostgreSQL only, SQLite takes them one by one). */
function insertRows(sql: SqlExecutor, rows: PendingRow[]): Promise<number> {
  const p = new SqlParams(sql.kind);
  const tuples = rows.map((row) => `(${row.values.map((v) => p.add(v)).join(", ")})`);
  return sql.execute(`INSERT INTO "ActivityLog" (${COLUMN_LIST}) VALUES ${tuples.join(", ")}`, p.values);
}

// Only lastActivityAt: "updatedAt" is about the directory's settings, not its traffic.
function touchDirectory(sql: SqlExecutor, directoryId: string, at: Date): Promise<number> {
  const p = new SqlParams(sql.kind);
  return sql.execute(`UPDATE "Directory" SET "lastActivityAt" = ${p.add(at)} WHERE "id" = ${p.add(directoryId)}`, p.values);
}

/** Trims a short field to its column's size; credential-shaped values never get through. */
function field(value: string | null | undefined, max: number): string | null {
  return value ? scrubCredentials(value).slice(0, max) : null;
}

/** The row's values in COLUMNS order: redacted and capped. */
function activityValues(entry: ActivityEntry, createdAt: Date): unknown[] {
  return [
    uuidv7(createdAt.getTime()),
    entry.directoryId ?? null,
    field(entry.clientId, 200),
    entry.requestId,
    entry.kind,
    field(entry.method, 16) ?? "",
    field(entry.path, 2048) ?? "",
    redactQuery(entry.query).slice(0, 4096),
    entry.status,
    field(entry.scimType, 50),
    entry.errorDetail ? capBody(scrubCredentials(entry.errorDetail)) : null,
    field(entry.operation, 100) ?? "unknown",
    field(entry.resourceType, 50),
    field(entry.resourceId, 200),
    Math.max(0, Math.round(entry.durationMs)),
    field(entry.ip, 100),
    field(entry.userAgent, 500),
    (entry.kind === "token" ? redactForm(entry.requestBody) : redactJson(entry.requestBody)) ?? null,
    redactJson(entry.responseBody) ?? null,
    createdAt,
  ];
}

// When this process last wrote each directory's lastActivityAt. The admin pages show it as "2 minutes
// ago", and read the newest activity row beside it, so a write per request would buy nothing. Plain
// module state: only the copy of lib/ that serves the API writes activity rows, and a copy that starts
// afresh (a `next dev` reload) merely writes once more.
const lastActivityWrites = new Map<string, number>();

/** Whether this request should move its directory's lastActivityAt: always for the first one seen. */
function lastActivityDue(directoryId: string, now: number): boolean {
  const written = lastActivityWrites.get(directoryId);
  return written === undefined || now - written >= LAST_ACTIVITY_INTERVAL_MS || now < written;
}

function noteLastActivityWrite(directoryId: string, now: number) {
  if (lastActivityWrites.size >= 10_000) lastActivityWrites.clear();
  lastActivityWrites.set(directoryId, now);
}

/** Forgets when lastActivityAt was last written (tests). */
export function resetLastActivityWrites() {
  lastActivityWrites.clear();
}

export async function recordActivity(entry: ActivityEntry): Promise<void> {
  if (!settings().activity.log) return; // ROSTER_ACTIVITY_LOG=off, only for `npm run bench`, which measures what logging costs
  let row: PendingRow;
  try {
    const createdAt = new Date();
    const values = activityValues(entry, createdAt);
    row = { values, directoryId: entry.directoryId ?? undefined, createdAt, sync: syncActivityOf(entry, String(values[0]), createdAt) };
  } catch (e) {
    console.error("[roster] could not write the activity log:", (e as Error)?.message ?? String(e));
    return;
  }
  await writeBatched(row);
}

interface PendingRow {
  values: unknown[];
  directoryId?: string;
  createdAt: Date;
  /** What the sync-health bookkeeping counts: provisioning requests (SCIM, token) tied to a directory. */
  sync?: SyncActivity;
}

function syncActivityOf(entry: ActivityEntry, activityId: string, createdAt: Date): SyncActivity | undefined {
  // /api/v1 reads are applications consuming the directory, not its identity provider provisioning it.
  if (!entry.directoryId || entry.kind === "api" || !settings().syncHealth.record) return undefined;
  return {
    activityId,
    directoryId: entry.directoryId,
    status: entry.status,
    scimType: entry.scimType,
    errorDetail: entry.errorDetail,
    createdAt,
    committedEvents: entry.committedEvents,
  };
}

/** Rows per write at most (PostgreSQL binds 20 values a row, far below its 65,535 limit). */
const MAX_BATCH_ROWS = 500;

// Rows of requests that finish in the same turn of the event loop are written together, in one commit
// instead of one each: under load, committing was most of what a row cost. Nothing waits longer for it
// (the batch goes out on the next turn), and each caller's promise settles when its row is written.
let pending: { rows: PendingRow[]; written: Promise<void> } | undefined;

function writeBatched(row: PendingRow): Promise<void> {
  let batch = pending;
  if (!batch) {
    const rows: PendingRow[] = [];
    const written = new Promise<void>((resolve) =>
      setImmediate(() => {
        if (pending?.rows === rows) pending = undefined;
        void writeRows(rows).then(resolve);
      }),
    );
    batch = pending = { rows, written };
  }
  batch.rows.push(row);
  if (batch.rows.length >= MAX_BATCH_ROWS) pending = undefined;
  return batch.written;
}

/** Writes the rows, the lastActivityAt of directories due and their sync-health bookkeeping; never throws. */
async function writeRows(rows: PendingRow[]): Promise<void> {
  const now = Date.now();
  const touches = new Map<string, Date>();
  for (const row of rows) if (row.directoryId && lastActivityDue(row.directoryId, now)) touches.set(row.directoryId, row.createdAt);
  const sync = rows.flatMap((row) => row.sync ?? []);
  const write = async (sql: SqlExecutor) => {
    if (sql.kind === "postgresql") await insertRows(sql, rows);
    else for (const row of rows) await insertRows(sql, [row]);
    for (const [directoryId, at] of touches) await touchDirectory(sql, directoryId, at);
  };
  const db = getDb();
  try {
    // On SQLite the batch's rows are written in one transaction (one commit instead of one per row),
    // with their sync-health bookkeeping (one writer: nothing to queue behind); on PostgreSQL a
    // multi-row INSERT is one statement already.
    if (db.kind === "sqlite") {
      await inTransaction(db, async (tx) => {
        await write(tx);
        if (sync.length) await recordSyncHealthWithin(tx, sync);
      });
    } else await write(db.sql);
    for (const directoryId of touches.keys()) noteLastActivityWrite(directoryId, now);
  } catch (e) {
    // One row the database refuses must not take the rest of its batch with it.
    if (rows.length > 1) {
      for (const row of rows) await writeRows([row]);
      return;
    }
    console.error("[roster] could not write the activity log:", (e as Error)?.message ?? String(e));
    return;
  }
  // PostgreSQL: the cycles and health of the rows' directories, group-committed
  // (lib/sync-health/queue-sync-health.ts): one transaction per batch, each waiting for the directory's
  // locked health row, cost 45% of create throughput in `npm run bench`.
  if (sync.length && db.kind !== "sqlite") await queueSyncHealth(sync);
}
