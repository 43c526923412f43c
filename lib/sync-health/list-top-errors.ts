// A directory's error answers over a period, most frequent first: grouped by status, scimType and the
// detail with ids and names stripped (./error-reason.ts), from the per-cycle counts the activity write
// keeps. A cycle counts in the period when its errors were last seen in it.
import { getDb, type Database } from "@/lib/db/client";

export interface ListTopErrorsOptions {
  directoryId: string;
  /** 7 days ago unless given. */
  since?: Date;
  until?: Date;
  limit?: number;
  /** Only the errors of this cycle. */
  cycleId?: string;
  db?: Database;
}

export interface TopError {
  status: number;
  scimType: string | null;
  reason: string;
  count: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** An ActivityLog.id with this answer (it may have been pruned since). */
  exampleActivityId: string;
}

export const DEFAULT_PERIOD_MS = 7 * 24 * 3600_000;

/** The periods the console offers for top errors (?errors= on a directory's overview). */
export const TOP_ERROR_PERIODS = {
  "24h": { label: "24 hours", ms: 24 * 3600_000 },
  "7d": { label: "7 days", ms: DEFAULT_PERIOD_MS },
  "30d": { label: "30 days", ms: 30 * 24 * 3600_000 },
} as const;
export type TopErrorPeriod = keyof typeof TOP_ERROR_PERIODS;

/** The period a query parameter names (7 days when it names none), and where it starts. */
export function topErrorPeriod(value: unknown, now = Date.now()): { period: TopErrorPeriod; label: string; since: Date } {
  const period: TopErrorPeriod = typeof value === "string" && Object.hasOwn(TOP_ERROR_PERIODS, value) ? (value as TopErrorPeriod) : "7d";
  const { label, ms } = TOP_ERROR_PERIODS[period];
  return { period, label, since: new Date(now - ms) };
}

export async function listTopErrors({ directoryId, since = new Date(Date.now() - DEFAULT_PERIOD_MS), until, limit = 10, cycleId, db = getDb() }: ListTopErrorsOptions): Promise<TopError[]> {
  const groups = await db.prisma.syncError.groupBy({
    by: ["status", "scimType", "reason"],
    where: { directoryId, ...(cycleId ? { cycleId } : {}), lastSeenAt: { gte: since, ...(until ? { lte: until } : {}) } },
    _sum: { count: true },
    _min: { firstSeenAt: true },
    _max: { lastSeenAt: true, exampleActivityId: true },
    orderBy: [{ _sum: { count: "desc" } }, { _max: { lastSeenAt: "desc" } }],
    take: limit,
  });
  return groups.map((g) => ({
    status: g.status,
    scimType: g.scimType || null,
    reason: g.reason,
    count: g._sum.count ?? 0,
    firstSeenAt: g._min.firstSeenAt!,
    lastSeenAt: g._max.lastSeenAt!,
    exampleActivityId: g._max.exampleActivityId!,
  }));
}
