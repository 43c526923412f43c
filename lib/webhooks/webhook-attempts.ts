// Rows of the delivery log (WebhookAttempt), written by the delivery job, Resend and Send test event.
import { uuidv7 } from "@/lib/db/uuid7";
import { chunks, SqlParams, type Sql } from "@/lib/db/sql";
import type { PostWebhookResult } from "./post-webhook";

export interface WebhookAttemptRecord {
  endpointId: string;
  eventId: string;
  eventType: string;
  seq: number | null;
  kind: "delivery" | "resend" | "test";
  attempt: number;
  result: PostWebhookResult;
  nextRetryAt: Date | null;
  at: Date;
}

/** 2xx is success; anything else (a 3xx too: redirects are not followed) or no answer is a failure. */
export function succeeded(result: PostWebhookResult): boolean {
  return result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 300;
}

/** One line for a failed attempt, as the console and a disabled endpoint's reason show it. */
export function describeOutcome(result: PostWebhookResult): string {
  return result.statusCode !== undefined ? `HTTP ${result.statusCode}` : (result.error ?? "no answer");
}

/** Rows per INSERT (14 values each). */
const CHUNK = 50;

export async function insertWebhookAttempts(sql: Sql, records: readonly WebhookAttemptRecord[]): Promise<void> {
  for (const part of chunks(records, CHUNK)) {
    const p = new SqlParams(sql.kind);
    const rows = part.map(
      (r) =>
        `(${p.add(uuidv7(r.at.getTime()))}, ${p.add(r.endpointId)}, ${p.add(r.eventId)}, ${p.add(r.eventType)}, ${p.add(r.seq)}, ${p.add(r.kind)}, ${p.add(r.attempt)}, ${p.bool(succeeded(r.result))}, ${p.add(
          r.result.statusCode ?? null,
        )}, ${p.add(r.result.error?.slice(0, 500) ?? null)}, ${p.add(r.result.latencyMs)}, ${p.add(r.result.responseExcerpt ?? null)}, ${p.add(r.nextRetryAt)}, ${p.add(r.at)})`,
    );
    await sql.execute(
      `INSERT INTO "WebhookAttempt" ("id", "endpointId", "eventId", "eventType", "seq", "kind", "attempt", "ok", "statusCode", "error", "latencyMs", "responseExcerpt", "nextRetryAt", "createdAt") VALUES ${rows.join(", ")}`,
      p.values,
    );
  }
}
