// The SyncHealth row as both drivers return it, read under the lock its writer needs.
import { rowLock, send, SqlParams, type Sql } from "@/lib/db/sql";
import type { HealthState } from "@/lib/directory-data/directory-health";

export interface HealthRow {
  directoryId: string;
  state: HealthState;
  reason: string;
  since: Date;
  lastRequestAt: Date | null;
  recent: string;
  lastFailure: string | null;
  cycleId: string | null;
  cycleStartedAt: Date | null;
  cycleRequests: number;
  cycleFailures: number;
  cadenceSeconds: number | null;
}

/** A timestamp as either driver returns it (SQLite: ISO text; PostgreSQL: Date). */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

function optionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

export function toHealthRow(row: Record<string, unknown>): HealthRow {
  return {
    directoryId: String(row.directoryId),
    state: String(row.state) as HealthState,
    reason: String(row.reason),
    since: toDate(row.since),
    lastRequestAt: optionalDate(row.lastRequestAt),
    recent: String(row.recent ?? ""),
    lastFailure: row.lastFailure === null || row.lastFailure === undefined ? null : String(row.lastFailure),
    cycleId: row.cycleId === null || row.cycleId === undefined ? null : String(row.cycleId),
    cycleStartedAt: optionalDate(row.cycleStartedAt),
    cycleRequests: Number(row.cycleRequests),
    cycleFailures: Number(row.cycleFailures),
    cadenceSeconds: row.cadenceSeconds === null || row.cadenceSeconds === undefined ? null : Number(row.cadenceSeconds),
  };
}

/** The directory's row, locked for update on PostgreSQL (a SQLite write transaction excludes other writers). */
export async function lockHealthRow(tx: Sql, directoryId: string): Promise<HealthRow | undefined> {
  const p = new SqlParams(tx.kind);
  const rows = await tx.query<Record<string, unknown>>(`SELECT * FROM "SyncHealth" WHERE "directoryId" = ${p.add(directoryId)}${rowLock(tx.kind, "update")}`, p.values);
  return rows[0] ? toHealthRow(rows[0]) : undefined;
}

/** Writes every field the state and counters are made of. */
export async function saveHealthRow(tx: Sql, row: HealthRow, now: Date): Promise<void> {
  const p = new SqlParams(tx.kind);
  await send(
    tx,
    `UPDATE "SyncHealth" SET "state" = ${p.add(row.state)}, "reason" = ${p.add(row.reason)}, "since" = ${p.add(row.since)}, "lastRequestAt" = ${p.add(row.lastRequestAt)},
       "recent" = ${p.add(row.recent)}, "lastFailure" = ${p.add(row.lastFailure)}, "cycleId" = ${p.add(row.cycleId)}, "cycleStartedAt" = ${p.add(row.cycleStartedAt)},
       "cycleRequests" = ${p.add(row.cycleRequests)}, "cycleFailures" = ${p.add(row.cycleFailures)}, "cadenceSeconds" = ${p.add(row.cadenceSeconds)}, "updatedAt" = ${p.add(now)}
     WHERE "directoryId" = ${p.add(row.directoryId)}`,
    p.values,
  );
}
