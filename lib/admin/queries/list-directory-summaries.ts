// The directory list: each directory with its user and group counts, last activity and recent failures.
import { getDb } from "@/lib/db/client";
import { failureStatusWhere } from "@/lib/sync-health/judge-health";
import { listDirectories } from "../directories/list-directories";

export interface DirectorySummary {
  id: string;
  name: string;
  type: string;
  active: boolean;
  userCount: number;
  groupCount: number;
  lastActivityAt: Date | null;
  /** Failures as sync health counts them (isFailure): not a 404 or 409. */
  failuresLast24h: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ListDirectorySummariesOptions {
  now?: Date;
}

export async function listDirectorySummaries({ now = new Date() }: ListDirectorySummariesOptions = {}): Promise<DirectorySummary[]> {
  const db = getDb().prisma;
  const since = new Date(now.getTime() - DAY_MS);
  const [directories, users, groups, failures] = await Promise.all([
    listDirectories(),
    db.scimUser.groupBy({ by: ["directoryId"], where: { deletedAt: null }, _count: { _all: true } }),
    db.scimGroup.groupBy({ by: ["directoryId"], _count: { _all: true } }),
    db.activityLog.groupBy({ by: ["directoryId"], where: { createdAt: { gte: since }, ...failureStatusWhere() }, _count: { _all: true } }),
  ]);
  // The newest activity row per directory: one index seek each on (directoryId, createdAt).
  const latest = await Promise.all(
    directories.map((d) =>
      db.activityLog.findFirst({ where: { directoryId: d.id }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
    ),
  );
  const count = (rows: { directoryId: string | null; _count: { _all: number } }[], id: string) => rows.find((r) => r.directoryId === id)?._count._all ?? 0;
  return directories.map((d, i) => ({
    id: d.id,
    name: d.name,
    type: d.type,
    active: d.active,
    userCount: count(users, d.id),
    groupCount: count(groups, d.id),
    lastActivityAt: latestOf(d.lastActivityAt, latest[i]?.createdAt ?? null),
    failuresLast24h: count(failures, d.id),
  }));
}

export function latestOf(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
