// Cycles, error reasons and health state, kept up to date as activity rows are written: queued by
// lib/activity/record-activity.ts once a batch of rows is written, and group-committed
// (./queue-sync-health.ts). Per directory in a transaction, in the steady state: one locked read of its
// SyncHealth row, one UPDATE of the current cycle, one of the health row; plus one upsert of its error
// answers, and, only when the state changes, its directory.health_changed event. The change counts
// come with the rows: each request tallies the events it committed (lib/events/record-events.ts).
import { uuidv7 } from "@/lib/db/uuid7";
import { send, SqlParams, type Sql } from "@/lib/db/sql";
import type { HealthState } from "@/lib/directory-data/directory-health";
import { settings } from "@/lib/settings";
import { errorReason } from "./error-reason";
import { lockHealthRow, saveHealthRow, toDate, type HealthRow } from "./health-row";
import { isFailure, judgeHealth, pushOutcomes } from "./judge-health";
import { recordHealthChange } from "./record-health-change";

/** What the bookkeeping needs of one activity row (a provisioning request tied to a directory). */
export interface SyncActivity {
  /** ActivityLog.id: an error reason links to one example. */
  activityId: string;
  directoryId: string;
  status: number;
  scimType?: string | null;
  errorDetail?: string | null;
  createdAt: Date;
  /** The events the request committed, by type: the cycle's change counts. */
  committedEvents?: ReadonlyMap<string, number>;
}

export interface RecordSyncHealthOptions {
  sql: Sql;
  rows: readonly SyncActivity[];
  /** ROSTER_CYCLE_GAP_SECONDS unless given. */
  gapSeconds?: number;
}

/** Cadence is the median interval between the starts of this many latest cycles. */
const CADENCE_CYCLES = 6;

const CHANGE_COLUMNS = {
  "user.created": "usersCreated",
  "user.updated": "usersUpdated",
  "user.deactivated": "usersDeactivated",
  "user.reactivated": "usersReactivated",
  "user.deleted": "usersDeleted",
  "group.created": "groupsCreated",
  "group.updated": "groupsUpdated",
  "group.deleted": "groupsDeleted",
  "group.member_added": "membersAdded",
  "group.member_removed": "membersRemoved",
} as const;
const COUNTER_COLUMNS = ["requests", "failures", "errors", ...Object.values(CHANGE_COLUMNS)] as const;
type CounterColumn = (typeof COUNTER_COLUMNS)[number];

interface CycleDelta {
  id: string;
  isNew: boolean;
  startedAt: Date;
  endedAt: Date;
  counts: Record<CounterColumn, number>;
}

interface ErrorDelta {
  cycleId: string;
  status: number;
  scimType: string;
  reason: string;
  count: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  exampleActivityId: string;
}

export async function recordSyncHealth({ sql, rows, gapSeconds = settings().syncHealth.cycleGapSeconds }: RecordSyncHealthOptions): Promise<void> {
  const byDirectory = new Map<string, SyncActivity[]>();
  for (const row of rows) {
    const list = byDirectory.get(row.directoryId);
    if (list) list.push(row);
    else byDirectory.set(row.directoryId, [row]);
  }
  // In id order: two instances' batches lock the health rows they share in the same order.
  for (const directoryId of [...byDirectory.keys()].sort()) await recordDirectory(sql, directoryId, byDirectory.get(directoryId)!, gapSeconds * 1000);
}

async function recordDirectory(sql: Sql, directoryId: string, rows: SyncActivity[], gapMs: number): Promise<void> {
  const now = new Date();
  const health = (await lockHealthRow(sql, directoryId)) ?? (await createHealthRow(sql, directoryId, now));
  if (!health) return; // the directory was deleted meanwhile
  const previousState: HealthState = health.state;
  const cycles: CycleDelta[] = [];
  const errors = new Map<string, ErrorDelta>();
  let current: CycleDelta | undefined;
  let outcomes = "";

  for (const row of rows) {
    const at = row.createdAt;
    if (!health.cycleId || !health.lastRequestAt || at.getTime() - health.lastRequestAt.getTime() > gapMs) {
      current = { id: uuidv7(at.getTime()), isNew: true, startedAt: at, endedAt: at, counts: zeroCounts() };
      cycles.push(current);
      health.cycleId = current.id;
      health.cycleStartedAt = at;
      health.cycleRequests = 0;
      health.cycleFailures = 0;
    } else if (!current) {
      current = { id: health.cycleId, isNew: false, startedAt: health.cycleStartedAt ?? at, endedAt: at, counts: zeroCounts() };
      cycles.push(current);
    }
    // Another instance's clock may be a little behind: never move backwards.
    if (!health.lastRequestAt || at > health.lastRequestAt) health.lastRequestAt = at;
    if (at > current.endedAt) current.endedAt = at;
    const failed = isFailure(row.status);
    current.counts.requests++;
    health.cycleRequests++;
    outcomes += failed ? "1" : "0";
    if (failed) {
      current.counts.failures++;
      health.cycleFailures++;
      health.lastFailure = describeFailure(row);
    }
    if (row.status >= 400) {
      current.counts.errors++;
      noteError(errors, current.id, row);
    }
    for (const [type, n] of row.committedEvents ?? []) {
      const column = CHANGE_COLUMNS[type as keyof typeof CHANGE_COLUMNS];
      if (column) current.counts[column] += n;
    }
  }

  for (const cycle of cycles) await writeCycle(sql, directoryId, cycle);
  if (errors.size) await writeErrors(sql, directoryId, [...errors.values()]);
  if (cycles.some((c) => c.isNew)) health.cadenceSeconds = await observeCadence(sql, directoryId);

  health.recent = pushOutcomes(health.recent, outcomes);
  const judged = judgeHealth(health);
  health.reason = judged.reason;
  if (judged.state !== previousState) {
    health.state = judged.state;
    health.since = health.lastRequestAt ?? now;
  }
  await saveHealthRow(sql, health, now);
  if (health.state !== previousState) {
    await recordHealthChange(sql, { ...health, previousState, failureRate: judged.failureRate });
  }
}

function zeroCounts(): Record<CounterColumn, number> {
  return Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0])) as Record<CounterColumn, number>;
}

/** A failure as the reason quotes it: status, scimType and the detail as received. */
function describeFailure(row: SyncActivity): string {
  const detail = row.errorDetail ? ` "${row.errorDetail.slice(0, 200)}"` : "";
  return `${row.status}${row.scimType ? ` ${row.scimType}` : ""}${detail}`;
}

function noteError(errors: Map<string, ErrorDelta>, cycleId: string, row: SyncActivity) {
  const scimType = row.scimType ?? "";
  const reason = errorReason(row.errorDetail);
  const key = JSON.stringify([cycleId, row.status, scimType, reason]);
  const known = errors.get(key);
  if (known) {
    known.count++;
    known.lastSeenAt = row.createdAt;
  } else {
    errors.set(key, { cycleId, status: row.status, scimType, reason, count: 1, firstSeenAt: row.createdAt, lastSeenAt: row.createdAt, exampleActivityId: row.activityId });
  }
}

/** The first request of a directory: its row, as "new" until this batch is judged. */
async function createHealthRow(sql: Sql, directoryId: string, now: Date): Promise<HealthRow | undefined> {
  const p = new SqlParams(sql.kind);
  // Only for a directory that exists; ON CONFLICT: another instance's first request got there first.
  await sql.execute(
    `INSERT INTO "SyncHealth" ("directoryId", "state", "reason", "since", "recent", "cycleRequests", "cycleFailures", "updatedAt")
     SELECT "id", 'new', '', "createdAt", '', 0, 0, ${p.add(now)} FROM "Directory" WHERE "id" = ${p.add(directoryId)}
     ON CONFLICT ("directoryId") DO NOTHING`,
    p.values,
  );
  return lockHealthRow(sql, directoryId);
}

async function writeCycle(sql: Sql, directoryId: string, cycle: CycleDelta): Promise<void> {
  const p = new SqlParams(sql.kind);
  if (cycle.isNew) {
    const columns = ["id", "directoryId", "startedAt", "endedAt", ...COUNTER_COLUMNS];
    const values = [p.add(cycle.id), p.add(directoryId), p.add(cycle.startedAt), p.add(cycle.endedAt), ...COUNTER_COLUMNS.map((c) => p.add(cycle.counts[c]))];
    await send(sql, `INSERT INTO "SyncCycle" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${values.join(", ")})`, p.values);
    return;
  }
  const increments = COUNTER_COLUMNS.filter((c) => cycle.counts[c]).map((c) => `"${c}" = "${c}" + ${p.add(cycle.counts[c])}`);
  // CASE: a row from an instance whose clock is behind must not pull endedAt back.
  const ended = p.add(cycle.endedAt);
  await send(
    sql,
    `UPDATE "SyncCycle" SET ${[...increments, `"endedAt" = CASE WHEN "endedAt" < ${ended} THEN ${p.add(cycle.endedAt)} ELSE "endedAt" END`].join(", ")}
      WHERE "id" = ${p.add(cycle.id)} AND "directoryId" = ${p.add(directoryId)}`,
    p.values,
  );
}

async function writeErrors(sql: Sql, directoryId: string, errors: ErrorDelta[]): Promise<void> {
  const p = new SqlParams(sql.kind);
  const tuples = errors.map(
    (e) =>
      `(${[e.cycleId, directoryId, e.status, e.scimType, e.reason, e.count, e.firstSeenAt, e.lastSeenAt, e.exampleActivityId].map((v) => p.add(v)).join(", ")})`,
  );
  await send(
    sql,
    `INSERT INTO "SyncError" ("cycleId", "directoryId", "status", "scimType", "reason", "count", "firstSeenAt", "lastSeenAt", "exampleActivityId")
     VALUES ${tuples.join(", ")}
     ON CONFLICT ("cycleId", "status", "scimType", "reason") DO UPDATE SET "count" = "SyncError"."count" + excluded."count", "lastSeenAt" = excluded."lastSeenAt"`,
    p.values,
  );
}

/** The median interval between the starts of the latest cycles, in seconds; null with fewer than two. */
async function observeCadence(sql: Sql, directoryId: string): Promise<number | null> {
  const p = new SqlParams(sql.kind);
  const rows = await sql.query<{ startedAt: unknown }>(
    `SELECT "startedAt" FROM "SyncCycle" WHERE "directoryId" = ${p.add(directoryId)} ORDER BY "startedAt" DESC LIMIT ${p.add(CADENCE_CYCLES)}`,
    p.values,
  );
  const starts = rows.map((r) => toDate(r.startedAt).getTime());
  const intervals = starts.slice(1).map((s, i) => (starts[i] - s) / 1000).sort((a, b) => a - b);
  if (!intervals.length) return null;
  const mid = Math.floor(intervals.length / 2);
  return Math.round(intervals.length % 2 ? intervals[mid] : (intervals[mid - 1] + intervals[mid]) / 2);
}
