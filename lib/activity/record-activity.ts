// Writes one activity-log row per request received (SCIM and token endpoint), then prunes old rows now
// and then (lib/activity/prune-activity.ts). Never throws: a logging failure must not fail (or change
// the answer to) the request it describes. Everything is redacted and size-capped here, so callers
// pass what they received and answered as it was.
import { getDb } from "@/lib/db/client";
import { maybePruneActivity } from "./prune-activity";
import { capBody, redactForm, redactJson, redactQuery, scrubCredentials } from "./redact";

export interface ActivityEntry {
  directoryId?: string | null;
  /** The OAuth client_id as presented (also for failed authentications). */
  clientId?: string | null;
  requestId: string;
  kind: "scim" | "token";
  method: string;
  path: string;
  /** The raw query string, without "?". */
  query?: string | null;
  status: number;
  scimType?: string | null;
  errorDetail?: string | null;
  /** e.g. "user.create", "group.patch", "token.issue", "token.denied". */
  operation: string;
  resourceType?: string | null;
  resourceId?: string | null;
  durationMs: number;
  ip?: string | null;
  userAgent?: string | null;
  /** Raw request body: JSON, or for kind "token" application/x-www-form-urlencoded. Redacted here. */
  requestBody?: string | null;
  /** Raw response body (JSON). Redacted here. */
  responseBody?: string | null;
}

/** Trims a short field to its column's size; credential-shaped values never get through. */
function field(value: string | null | undefined, max: number): string | null {
  return value ? scrubCredentials(value).slice(0, max) : null;
}

export async function recordActivity(entry: ActivityEntry): Promise<void> {
  if (process.env.ROSTER_ACTIVITY_LOG === "off") return; // only for `npm run bench`, which measures what logging costs
  try {
    const db = getDb();
    await db.activityLog.create({
      data: {
        directoryId: entry.directoryId ?? null,
        clientId: field(entry.clientId, 200),
        requestId: entry.requestId,
        kind: entry.kind,
        method: field(entry.method, 16) ?? "",
        path: field(entry.path, 2048) ?? "",
        query: redactQuery(entry.query).slice(0, 4096),
        status: entry.status,
        scimType: field(entry.scimType, 50),
        errorDetail: entry.errorDetail ? capBody(scrubCredentials(entry.errorDetail)) : null,
        operation: field(entry.operation, 100) ?? "unknown",
        resourceType: field(entry.resourceType, 50),
        resourceId: field(entry.resourceId, 200),
        durationMs: Math.max(0, Math.round(entry.durationMs)),
        ip: field(entry.ip, 100),
        userAgent: field(entry.userAgent, 500),
        requestBody: (entry.kind === "token" ? redactForm(entry.requestBody) : redactJson(entry.requestBody)) ?? null,
        responseBody: redactJson(entry.responseBody) ?? null,
      },
    });
    if (entry.directoryId) {
      await db.directory.updateMany({ where: { id: entry.directoryId }, data: { lastActivityAt: new Date() } });
    }
  } catch (e) {
    console.error("[roster] could not write the activity log:", (e as Error)?.message ?? String(e));
    return;
  }
  await maybePruneActivity(entry.directoryId).catch(() => undefined);
}
