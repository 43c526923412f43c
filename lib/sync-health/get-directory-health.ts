// A directory's health as the Directory API and the console show it: its SyncHealth row and latest
// cycle, two reads by key. No row yet: `new`.
import { getDb, type Database } from "@/lib/db/client";
import type { DirectoryHealth } from "@/lib/directory-data/directory-health";
import { failureRate } from "./judge-health";
import { toSyncCycle } from "./to-sync-cycle";

export interface GetDirectoryHealthOptions {
  directoryId: string;
  /** The directory's createdAt: when a directory that never heard from its identity provider became `new`. */
  directoryCreatedAt: Date;
  db?: Database;
}

export async function getDirectoryHealth({ directoryId, directoryCreatedAt, db = getDb() }: GetDirectoryHealthOptions): Promise<DirectoryHealth> {
  const health = await db.prisma.syncHealth.findUnique({ where: { directoryId } });
  const cycle = health?.cycleId ? await db.prisma.syncCycle.findFirst({ where: { id: health.cycleId, directoryId } }) : null;
  if (!health) {
    return { state: "new", reason: "No provisioning request received yet", since: directoryCreatedAt.toISOString(), failureRate: 0, lastRequestAt: null, lastCycle: null, nextCycleExpectedAt: null };
  }
  return {
    state: health.state as DirectoryHealth["state"],
    reason: health.state === "new" ? "No provisioning request received yet" : health.reason,
    since: health.since.toISOString(),
    failureRate: failureRate(health.recent),
    lastRequestAt: health.lastRequestAt?.toISOString() ?? null,
    lastCycle: cycle ? toSyncCycle(cycle) : null,
    nextCycleExpectedAt: cycle && health.cadenceSeconds ? new Date(cycle.startedAt.getTime() + health.cadenceSeconds * 1000).toISOString() : null,
  };
}
