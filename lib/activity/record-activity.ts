// Writes one activity-log row per request received. Never throws: a logging failure must not fail
// (or change the answer to) the request it describes.
import { getDb } from "@/lib/db/client";
import { capBody, redactForm, redactJson } from "./redact";

export interface ActivityEntry {
  directoryId?: string | null;
  clientId?: string | null;
  requestId: string;
  kind: "scim" | "token";
  method: string;
  path: string;
  query?: string;
  status: number;
  scimType?: string | null;
  errorDetail?: string | null;
  operation: string;
  resourceType?: string | null;
  resourceId?: string | null;
  durationMs: number;
  ip?: string | null;
  userAgent?: string | null;
  /** Raw request body; JSON (or, for kind "token", form-encoded) — redacted here. */
  requestBody?: string | null;
  responseBody?: string | null;
}

const cap = (s: string | null | undefined, n: number) => (s ? s.slice(0, n) : s ?? null);

export async function recordActivity(entry: ActivityEntry): Promise<void> {
  try {
    const db = getDb();
    const requestBody = entry.kind === "token" ? redactForm(entry.requestBody) : redactJson(entry.requestBody);
    await db.activityLog.create({
      data: {
        directoryId: entry.directoryId ?? null,
        clientId: cap(entry.clientId, 200),
        requestId: entry.requestId,
        kind: entry.kind,
        method: cap(entry.method, 16)!,
        path: cap(entry.path, 2048)!,
        query: cap(entry.query, 4096) ?? "",
        status: entry.status,
        scimType: entry.scimType ?? null,
        errorDetail: entry.errorDetail ? capBody(entry.errorDetail) : null,
        operation: entry.operation,
        resourceType: entry.resourceType ?? null,
        resourceId: cap(entry.resourceId, 200),
        durationMs: Math.max(0, Math.round(entry.durationMs)),
        ip: cap(entry.ip, 100),
        userAgent: cap(entry.userAgent, 500),
        requestBody: requestBody ?? null,
        responseBody: redactJson(entry.responseBody) ?? null,
      },
    });
    if (entry.directoryId) {
      await db.directory.updateMany({ where: { id: entry.directoryId }, data: { lastActivityAt: new Date() } });
    }
  } catch (e) {
    console.error("[roster] could not write the activity log:", (e as Error).message);
  }
}
