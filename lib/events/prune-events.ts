// Retention for the events feed. Events go oldest-first as a prefix of the feed, and the highest
// position pruned is recorded with the delete, in one transaction: a cursor before it is told apart
// from one with nothing new (read-event-feed.ts answers the former with CursorExpiredError → 410).
import type { SqlDriver } from "@/lib/db/client";
import { settings } from "@/lib/settings";
import { SqlParams } from "@/lib/db/sql";
import { readFeedState } from "./feed-state";
import { sequenceEvents } from "./sequence-events";

export interface PruneEventsOptions {
  sql: SqlDriver;
  now?: Date;
  retentionDays?: number;
  batchSize?: number;
  maxBatches?: number;
}

export interface PruneEventsResult {
  deleted: number;
  /** A bound stopped the run before everything due was deleted. */
  more: boolean;
}

export async function pruneEvents({ sql, now = new Date(), retentionDays = settings().events.retentionDays, batchSize = 1000, maxBatches = 10 }: PruneEventsOptions): Promise<PruneEventsResult> {
  const result: PruneEventsResult = { deleted: 0, more: false };
  if (retentionDays <= 0) return result;
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  // Events nobody has read yet still take their place in the feed before they can be pruned.
  await sequenceEvents({ sql });
  // Events recorded before the feed existed have no position: they simply expire.
  const l = new SqlParams(sql.kind);
  result.deleted += await sql.execute(
    `DELETE FROM "ProvisioningEvent" WHERE "id" IN (SELECT "id" FROM "ProvisioningEvent" WHERE "seq" IS NULL AND "writeOrder" IS NULL AND "createdAt" < ${l.add(cutoff)} LIMIT ${l.add(batchSize)})`,
    l.values,
  );
  for (let i = 0; i < maxBatches; i++) {
    const { prunedThrough } = await readFeedState(sql);
    const p = new SqlParams(sql.kind);
    const rows = await sql.query<{ seq: unknown; createdAt: unknown }>(
      `SELECT "seq", "createdAt" FROM "ProvisioningEvent" WHERE "seq" > ${p.add(prunedThrough)} ORDER BY "seq" LIMIT ${p.add(batchSize)}`,
      p.values,
    );
    const expired = rows.findIndex((r) => toDate(r.createdAt) >= cutoff);
    const through = expired === -1 ? rows.length : expired;
    if (through === 0) return result;
    const boundary = Number(rows[through - 1].seq);
    result.deleted += await sql.transaction(async (tx) => {
      const d = new SqlParams(tx.kind);
      const n = await tx.execute(`DELETE FROM "ProvisioningEvent" WHERE "seq" > ${d.add(prunedThrough)} AND "seq" <= ${d.add(boundary)}`, d.values);
      const u = new SqlParams(tx.kind);
      await tx.execute(`UPDATE "EventFeedState" SET "prunedThrough" = ${u.add(boundary)} WHERE "id" = 1 AND "prunedThrough" < ${u.add(boundary)}`, u.values);
      return n;
    });
    if (through < batchSize) return result;
  }
  result.more = true;
  return result;
}

function toDate(v: unknown): Date {
  return v instanceof Date ? v : new Date(String(v));
}
