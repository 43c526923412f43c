// The lease that makes one instance at a time run a job: a row per job in "JobLease". Taking it is one
// INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING statement, atomic on SQLite and PostgreSQL alike:
// the row comes back only to the one caller that found the lease free (and the job due).
import { getDb, type Database } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";

export interface LeaseOptions {
  name: string;
  holder: string;
  leaseMs: number;
  /** Take it only when the last run started at least this long ago; undefined: whenever it is free. */
  dueAfterMs?: number;
  now?: Date;
  db?: Database;
}

/** Takes the job's lease; false when another holder has an unexpired one (or the job is not due). */
export async function acquireLease(options: LeaseOptions): Promise<boolean> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const p = new SqlParams(db.kind);
  const insert = `INSERT INTO "JobLease" ("name", "holder", "leasedUntil") VALUES (${p.add(options.name)}, ${p.add(options.holder)}, ${p.add(new Date(now.getTime() + options.leaseMs))})`;
  const free = `("JobLease"."leasedUntil" IS NULL OR "JobLease"."leasedUntil" <= ${p.add(now)})`;
  const due = options.dueAfterMs === undefined ? "" : ` AND ("JobLease"."lastRunAt" IS NULL OR "JobLease"."lastRunAt" <= ${p.add(new Date(now.getTime() - options.dueAfterMs))})`;
  const rows = await db.sql.query<{ holder: unknown }>(
    `${insert}
     ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "leasedUntil" = excluded."leasedUntil"
     WHERE ${free}${due}
     RETURNING "holder"`,
    p.values,
  );
  return rows.length === 1;
}

/** Extends a lease this holder still has; false when it was lost (expired and taken by another). */
export async function renewLease(options: Omit<LeaseOptions, "dueAfterMs">): Promise<boolean> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const { count } = await db.prisma.jobLease.updateMany({
    where: { name: options.name, holder: options.holder, leasedUntil: { gt: now } },
    data: { leasedUntil: new Date(now.getTime() + options.leaseMs) },
  });
  return count === 1;
}

/** Gives the lease up and records the run; the holder's name stays as "who ran it last". */
export async function releaseLease(options: { name: string; holder: string; ranAt: Date; error?: string; db?: Database }): Promise<void> {
  const db = options.db ?? getDb();
  await db.prisma.jobLease.updateMany({
    where: { name: options.name, holder: options.holder },
    data: { leasedUntil: null, lastRunAt: options.ranAt, lastError: options.error?.slice(0, 2000) ?? null },
  });
}
