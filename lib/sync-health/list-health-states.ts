// The health state and reason of several directories at once (the directory list's badges): one read.
import { getDb, type Database } from "@/lib/db/client";
import type { HealthState } from "@/lib/directory-data/directory-health";

export interface ListHealthStatesOptions {
  directoryIds: string[];
  db?: Database;
}

export interface HealthBrief {
  state: HealthState;
  reason: string;
}

/** Directories without a row are `new`. */
export async function listHealthStates({ directoryIds, db = getDb() }: ListHealthStatesOptions): Promise<Map<string, HealthBrief>> {
  const rows = directoryIds.length ? await db.prisma.syncHealth.findMany({ where: { directoryId: { in: directoryIds } }, select: { directoryId: true, state: true, reason: true } }) : [];
  const found = new Map(rows.map((r) => [r.directoryId, { state: r.state as HealthState, reason: r.reason }]));
  return new Map(directoryIds.map((id) => [id, found.get(id) ?? { state: "new", reason: "No provisioning request received yet" }]));
}
