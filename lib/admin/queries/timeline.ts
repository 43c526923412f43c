// A resource's history in one list: provisioning events (what changed) and activity-log rows (which
// request did it), newest first.
import { getDb } from "@/lib/db/client";

export type TimelineEntry =
  | { kind: "event"; id: string; createdAt: Date; type: string; payload: unknown; requestId: string | null }
  | { kind: "request"; id: string; createdAt: Date; method: string; path: string; status: number; operation: string; errorDetail: string | null; requestId: string };

const LIMIT = 50;

export interface GetResourceTimelineOptions {
  directoryId: string;
  /** A user's or a group's id. */
  resourceId: string;
}

export async function getResourceTimeline({ directoryId, resourceId }: GetResourceTimelineOptions): Promise<TimelineEntry[]> {
  const db = getDb().prisma;
  const [events, requests] = await Promise.all([
    db.provisioningEvent.findMany({
      where: { directoryId, resourceId },
      orderBy: { createdAt: "desc" },
      take: LIMIT,
      select: { id: true, createdAt: true, type: true, payload: true, requestId: true },
    }),
    db.activityLog.findMany({
      where: { directoryId, resourceId },
      orderBy: { createdAt: "desc" },
      take: LIMIT,
      select: { id: true, createdAt: true, method: true, path: true, status: true, operation: true, errorDetail: true, requestId: true },
    }),
  ]);
  const merged: TimelineEntry[] = [
    ...events.map((e) => ({ kind: "event" as const, ...e })),
    ...requests.map((r) => ({ kind: "request" as const, ...r })),
  ];
  return merged.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, LIMIT);
}
