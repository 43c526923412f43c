// A directory's provisioning cycles, newest first, with each one's most frequent errors: the Cycles tab.
import { getDb, type Database } from "@/lib/db/client";
import type { SyncCycleSummary } from "@/lib/directory-data/directory-health";
import { toSyncCycle } from "./to-sync-cycle";

export interface ListCyclesOptions {
  directoryId: string;
  limit?: number;
  /** Cycles that started before this one's start (the next page). */
  before?: Date;
  db?: Database;
}

export interface CycleError {
  status: number;
  scimType: string | null;
  reason: string;
  count: number;
}

export interface CycleListItem extends SyncCycleSummary {
  errors: number;
  topErrors: CycleError[];
}

const TOP_ERRORS = 3;

export async function listCycles({ directoryId, limit = 50, before, db = getDb() }: ListCyclesOptions): Promise<CycleListItem[]> {
  const cycles = await db.prisma.syncCycle.findMany({
    where: { directoryId, ...(before ? { startedAt: { lt: before } } : {}) },
    orderBy: { startedAt: "desc" },
    take: limit,
  });
  const errors = cycles.some((c) => c.errors)
    ? await db.prisma.syncError.findMany({ where: { directoryId, cycleId: { in: cycles.filter((c) => c.errors).map((c) => c.id) } }, orderBy: { count: "desc" } })
    : [];
  return cycles.map((c) => ({
    ...toSyncCycle(c),
    errors: c.errors,
    topErrors: errors
      .filter((e) => e.cycleId === c.id)
      .slice(0, TOP_ERRORS)
      .map((e) => ({ status: e.status, scimType: e.scimType || null, reason: e.reason, count: e.count })),
  }));
}
