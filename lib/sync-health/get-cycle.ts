// One provisioning cycle for its console page: its counters, its error reasons, and the requests and
// events inside its time span (bounded; the Activity and Events tabs have the rest).
import { getDb, type Database } from "@/lib/db/client";
import { listTopErrors, type TopError } from "./list-top-errors";
import { toSyncCycle } from "./to-sync-cycle";
import type { SyncCycleSummary } from "@/lib/directory-data/directory-health";

export interface GetCycleOptions {
  directoryId: string;
  cycleId: string;
  /** Requests and events shown at most. */
  limit?: number;
  db?: Database;
}

export interface CycleDetail {
  cycle: SyncCycleSummary & { errors: number };
  topErrors: TopError[];
  requests: { id: string; createdAt: Date; method: string; path: string; status: number; operation: string; errorDetail: string | null }[];
  events: { id: string; createdAt: Date; type: string; resourceType: string; resourceId: string; requestId: string | null }[];
}

export async function getCycle({ directoryId, cycleId, limit = 200, db = getDb() }: GetCycleOptions): Promise<CycleDetail | undefined> {
  const row = await db.prisma.syncCycle.findFirst({ where: { id: cycleId, directoryId } });
  if (!row) return undefined;
  const span = { gte: row.startedAt, lte: row.endedAt };
  const [topErrors, requests, events] = await Promise.all([
    listTopErrors({ directoryId, cycleId, since: new Date(0), limit: 20, db }),
    db.prisma.activityLog.findMany({
      where: { directoryId, createdAt: span, kind: { in: ["scim", "token"] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: { id: true, createdAt: true, method: true, path: true, status: true, operation: true, errorDetail: true },
    }),
    // An event is written during its request, just before the request's activity row.
    db.prisma.provisioningEvent.findMany({
      where: { directoryId, createdAt: { gte: new Date(row.startedAt.getTime() - 60_000), lte: row.endedAt }, type: { not: "directory.health_changed" } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: { id: true, createdAt: true, type: true, resourceType: true, resourceId: true, requestId: true },
    }),
  ]);
  return { cycle: { ...toSyncCycle(row), errors: row.errors }, topErrors, requests, events };
}
