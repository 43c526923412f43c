// The directory list: each directory with its user and group counts, last activity and recent failures.
import { getDb } from "@/lib/db/client";
import { toDate } from "@/lib/provisioning/records";
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
  const { prisma: db, sql } = getDb();
  const since = new Date(now.getTime() - DAY_MS);
  const [directories, latest, users, groups, failures] = await Promise.all([
    listDirectories(),
    // The newest activity row per directory, in one statement: an index seek each on (directoryId, createdAt).
    sql.query<{ id: string; latest: unknown }>(`SELECT d."id" AS "id", (SELECT MAX(a."createdAt") FROM "ActivityLog" a WHERE a."directoryId" = d."id") AS "latest" FROM "Directory" d`),
    db.scimUser.groupBy({ by: ["directoryId"], where: { deletedAt: null }, _count: { _all: true } }),
    db.scimGroup.groupBy({ by: ["directoryId"], _count: { _all: true } }),
    db.activityLog.groupBy({ by: ["directoryId"], where: { createdAt: { gte: since }, ...failureStatusWhere() }, _count: { _all: true } }),
  ]);
  const latestOfDirectory = new Map(latest.map((r) => [String(r.id), r.latest === null || r.latest === undefined ? null : toDate(r.latest)]));
  const count = (rows: { directoryId: string | null; _count: { _all: number } }[], id: string) => rows.find((r) => r.directoryId === id)?._count._all ?? 0;
  return directories.map((d) => ({
    id: d.id,
    name: d.name,
    type: d.type,
    active: d.active,
    userCount: count(users, d.id),
    groupCount: count(groups, d.id),
    lastActivityAt: latestOf(d.lastActivityAt, latestOfDirectory.get(d.id) ?? null),
    failuresLast24h: count(failures, d.id),
  }));
}

export function latestOf(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
