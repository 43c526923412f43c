// The Overview tab: what Roster can tell about a directory's connection to its identity provider.
import { getDb } from "@/lib/db/client";
import { failureStatusWhere } from "@/lib/sync-health/judge-health";
import { latestOf } from "./list-directory-summaries";

export interface ActivityBrief {
  id: string;
  createdAt: Date;
  method: string;
  path: string;
  status: number;
  operation: string;
  errorDetail: string | null;
}

export interface DirectoryOverview {
  activeClientCount: number;
  clientCount: number;
  tokenIssued: boolean;
  userCount: number;
  groupCount: number;
  profileFieldCount: number;
  lastRequest: ActivityBrief | null;
  lastError: ActivityBrief | null;
  requestsLast24h: number;
  /** Failures as sync health counts them (isFailure): not a 404 or 409. */
  failuresLast24h: number;
  lastActivityAt: Date | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const brief = { id: true, createdAt: true, method: true, path: true, status: true, operation: true, errorDetail: true } as const;

export interface GetDirectoryOverviewOptions {
  directoryId: string;
  now?: Date;
}

export async function getDirectoryOverview({ directoryId, now = new Date() }: GetDirectoryOverviewOptions): Promise<DirectoryOverview> {
  const db = getDb().prisma;
  const since = new Date(now.getTime() - DAY_MS);
  const [clientCount, activeClientCount, token, tokenLog, userCount, groupCount, profileFieldCount, lastRequest, lastError, requestsLast24h, failuresLast24h, directory] =
    await Promise.all([
      db.apiClient.count({ where: { directoryId } }),
      db.apiClient.count({ where: { directoryId, revokedAt: null } }),
      db.accessToken.findFirst({ where: { directoryId }, select: { id: true } }),
      db.activityLog.findFirst({ where: { directoryId, kind: "token", status: { lt: 300 } }, select: { id: true } }),
      db.scimUser.count({ where: { directoryId, deletedAt: null } }),
      db.scimGroup.count({ where: { directoryId } }),
      db.directoryProfileField.count({ where: { directoryId } }),
      db.activityLog.findFirst({ where: { directoryId }, orderBy: { createdAt: "desc" }, select: brief }),
      db.activityLog.findFirst({ where: { directoryId, status: { gte: 400 } }, orderBy: { createdAt: "desc" }, select: brief }),
      db.activityLog.count({ where: { directoryId, createdAt: { gte: since } } }),
      db.activityLog.count({ where: { directoryId, createdAt: { gte: since }, ...failureStatusWhere() } }),
      db.directory.findUnique({ where: { id: directoryId }, select: { lastActivityAt: true } }),
    ]);
  return {
    clientCount,
    activeClientCount,
    // A token row may have expired and been swept; a successful token request in the log counts too.
    tokenIssued: Boolean(token || tokenLog),
    userCount,
    groupCount,
    profileFieldCount,
    lastRequest,
    lastError,
    requestsLast24h,
    failuresLast24h,
    lastActivityAt: latestOf(directory?.lastActivityAt ?? null, lastRequest?.createdAt ?? null),
  };
}
