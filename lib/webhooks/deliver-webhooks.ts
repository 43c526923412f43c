// One bounded pass of webhook delivery: the events feed, pushed to every enabled endpoint.
//
// The outbox is the events table. An endpoint's `cursor` is the feed position (seq) it has received
// through; the events after it that match its filters are its queue, derived from the feed, which the
// change's own transaction wrote. Nothing is written beside the change, so a crash (kill -9) at any
// moment loses nothing: the next pass starts again from the last cursor written, and at worst sends
// again what was sent after it (delivery is at least once; `webhook-id` lets receivers dedupe).
//
// Ordering: per endpoint, events are sent one at a time in feed order, and a failing event blocks the
// endpoint's queue until it succeeds (retry-schedule.ts), the endpoint is disabled, or an admin replays.
// So every endpoint receives the feed in order — in particular the events about one resource — and
// an event is never sent before an earlier one was accepted. A Resend or a replay sends old events again.
//
// Several instances on one database: an endpoint is delivered to by whoever claims its row lease
// (one UPDATE … WHERE lease free … RETURNING: on PostgreSQL a second claimer waits for the first's
// row lock and then finds the lease taken; on SQLite writers are serialised), so each attempt is made
// by exactly one instance. Progress (cursor, delivery log) is written every FLUSH_EVERY events and at
// the end, only while the lease is still this holder's and no replay moved the cursor meanwhile.
import type { Database } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/sql";
import { readFeedState } from "@/lib/events/feed-state";
import { queryEvents } from "@/lib/events/read-event-feed";
import { sequenceEvents } from "@/lib/events/sequence-events";
import { toFeedEvent } from "@/lib/events/to-feed-event";
import { parseDirectoryIds } from "@/lib/admin/api-keys/api-key-summary";
import type { Resolver } from "./destination";
import { WEBHOOK_TIMEOUT_MS } from "./post-webhook";
import { DISABLE_AFTER_MS, retryDelayMs } from "./retry-schedule";
import { sendWebhookEvent } from "./send-webhook-event";
import { describeOutcome, insertWebhookAttempts, succeeded, type WebhookAttemptRecord } from "./webhook-attempts";

export interface DeliverWebhooksOptions {
  db?: Database;
  /** This instance's name in the endpoint leases. */
  holder: string;
  signal?: AbortSignal;
  /** Endpoints handled per pass. */
  maxEndpoints?: number;
  /** Endpoints delivered to at the same time. */
  concurrency?: number;
  /** Events read per query. */
  batchSize?: number;
  /** No new request is started after this long; the pass reports `more`. */
  timeBudgetMs?: number;
  timeoutMs?: number;
  resolve?: Resolver;
  now?: () => Date;
}

export interface DeliverWebhooksResult {
  delivered: number;
  failed: number;
  /** Work was left at a bound: run again soon. */
  more: boolean;
}

/** Events sent between two writes of progress. */
const FLUSH_EVERY = 200;
const FLUSH_EVERY_MS = 1000;

interface ClaimedEndpoint {
  id: string;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  directoryIds: string[];
  eventTypes: string[];
  cursor: number;
  cursorEpoch: number;
  headAttempts: number;
  failingSince: Date | null;
}

export async function deliverWebhooks(options: DeliverWebhooksOptions): Promise<DeliverWebhooksResult> {
  const db = options.db ?? getDb();
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const budget = options.timeBudgetMs ?? 25_000;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  // Renewed by every write of progress (at least once a second while sending), so it only has to
  // outlive one request; after a crash the endpoint is free again within this.
  const leaseMs = timeoutMs + 20_000;
  const result: DeliverWebhooksResult = { delivered: 0, failed: 0, more: false };

  await sequenceEvents({ sql: db.sql });
  const { lastSeq } = await readFeedState(db.sql);
  const maxEndpoints = options.maxEndpoints ?? 100;
  const p = new SqlParams(db.kind);
  const t = now();
  const due = await db.sql.query<{ id: string }>(
    `SELECT "id" FROM "WebhookEndpoint"
      WHERE "enabled" = ${p.bool(true)} AND "nextAttemptAt" <= ${p.add(t)} AND ("leasedUntil" IS NULL OR "leasedUntil" <= ${p.add(t)}) AND "cursor" < ${p.add(lastSeq)}
      ORDER BY "nextAttemptAt" LIMIT ${p.add(maxEndpoints)}`,
    p.values,
  );
  if (due.length === maxEndpoints) result.more = true;

  const queue = due.map((d) => d.id);
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (options.signal?.aborted) return;
      const endpoint = await claim(db, id, options.holder, leaseMs, now());
      if (!endpoint) continue;
      const outcome = await deliverToEndpoint(db, endpoint, { ...options, now, started, budget, timeoutMs, leaseMs });
      result.delivered += outcome.delivered;
      result.failed += outcome.failed;
      result.more ||= outcome.more;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  return result;
}

async function claim(db: Database, id: string, holder: string, leaseMs: number, at: Date): Promise<ClaimedEndpoint | undefined> {
  const p = new SqlParams(db.kind);
  const [row] = await db.sql.query<Record<string, unknown>>(
    `UPDATE "WebhookEndpoint" SET "leaseHolder" = ${p.add(holder)}, "leasedUntil" = ${p.add(new Date(at.getTime() + leaseMs))}
      WHERE "id" = ${p.add(id)} AND "enabled" = ${p.bool(true)} AND "nextAttemptAt" <= ${p.add(at)} AND ("leasedUntil" IS NULL OR "leasedUntil" <= ${p.add(at)})
      RETURNING "id", "url", "secret", "previousSecret", "previousSecretExpiresAt", "directoryIds", "eventTypes", "cursor", "cursorEpoch", "headAttempts", "failingSince"`,
    p.values,
  );
  if (!row) return undefined;
  return {
    id: String(row.id),
    url: String(row.url),
    secret: String(row.secret),
    previousSecret: row.previousSecret === null ? null : String(row.previousSecret),
    previousSecretExpiresAt: toDate(row.previousSecretExpiresAt),
    directoryIds: parseDirectoryIds(row.directoryIds),
    eventTypes: parseDirectoryIds(row.eventTypes),
    cursor: Number(row.cursor),
    cursorEpoch: Number(row.cursorEpoch),
    headAttempts: Number(row.headAttempts),
    failingSince: toDate(row.failingSince),
  };
}

interface PassContext extends DeliverWebhooksOptions {
  now: () => Date;
  started: number;
  budget: number;
  timeoutMs: number;
  leaseMs: number;
}

/** The endpoint's state as it will be written: where it stands, and what happens next. */
interface Progress {
  cursor: number;
  headAttempts: number;
  failingSince: Date | null;
  nextAttemptAt: Date;
  disabledReason: string | null;
  attempts: WebhookAttemptRecord[];
}

async function deliverToEndpoint(db: Database, endpoint: ClaimedEndpoint, ctx: PassContext): Promise<DeliverWebhooksResult> {
  const out: DeliverWebhooksResult = { delivered: 0, failed: 0, more: false };
  const batchSize = ctx.batchSize ?? 500;
  const progress: Progress = { cursor: endpoint.cursor, headAttempts: endpoint.headAttempts, failingSince: endpoint.failingSince, nextAttemptAt: ctx.now(), disabledReason: null, attempts: [] };
  let lastFlush = Date.now();
  let stop = false;
  try {
    while (!stop) {
      if (ctx.signal?.aborted || Date.now() - ctx.started > ctx.budget) {
        out.more = true;
        break;
      }
      await sequenceEvents({ sql: db.sql });
      // Read before the events, as the feed does: every position up to lastSeq is visible to the query.
      const { lastSeq } = await readFeedState(db.sql);
      const rows = await queryEvents(db.sql, progress.cursor, batchSize, endpoint.directoryIds.length ? endpoint.directoryIds : undefined, endpoint.eventTypes.length ? endpoint.eventTypes : undefined);
      for (const row of rows) {
        if (ctx.signal?.aborted || Date.now() - ctx.started > ctx.budget) {
          out.more = true;
          stop = true;
          break;
        }
        const event = toFeedEvent(row);
        const at = ctx.now();
        const sent = await sendWebhookEvent({ endpoint, eventId: event.id, body: JSON.stringify(event), kind: "delivery", now: at, resolve: ctx.resolve, timeoutMs: ctx.timeoutMs });
        const attempt = progress.headAttempts + 1;
        const record: WebhookAttemptRecord = { endpointId: endpoint.id, eventId: event.id, eventType: event.type, seq: Number(row.seq), kind: "delivery", attempt, result: sent, nextRetryAt: null, at };
        progress.attempts.push(record);
        if (succeeded(sent)) {
          out.delivered++;
          progress.cursor = Number(row.seq);
          progress.headAttempts = 0;
          progress.failingSince = null;
        } else {
          out.failed++;
          stop = true;
          progress.headAttempts = attempt;
          progress.failingSince ??= at;
          if (sent.statusCode === 410) {
            progress.disabledReason = `The receiver answered 410 Gone on ${at.toISOString()}: it asked for no more deliveries`;
          } else if (at.getTime() - progress.failingSince.getTime() >= DISABLE_AFTER_MS) {
            progress.disabledReason = `Failing since ${progress.failingSince.toISOString()} (3 days); last attempt: ${describeOutcome(sent)}`;
          } else {
            progress.nextAttemptAt = new Date(at.getTime() + retryDelayMs(attempt));
            record.nextRetryAt = progress.nextAttemptAt;
          }
          break;
        }
        if (progress.attempts.length >= FLUSH_EVERY || Date.now() - lastFlush >= FLUSH_EVERY_MS) {
          if (!(await flush(db, endpoint, progress, ctx, false))) return out;
          lastFlush = Date.now();
        }
      }
      // A short page, all delivered: positions the filters skipped, up to lastSeq, need not be read again.
      if (!stop && rows.length < batchSize) {
        progress.cursor = Math.max(progress.cursor, lastSeq);
        break;
      }
    }
  } finally {
    await flush(db, endpoint, progress, ctx, true);
  }
  return out;
}

/**
 * Writes the endpoint's progress and the attempts since the last write, in one transaction; `release`
 * gives the lease up, else it is renewed. False when the pass must stop: the lease was lost, a replay
 * moved the cursor, or the endpoint was disabled or deleted meanwhile.
 */
async function flush(db: Database, endpoint: ClaimedEndpoint, progress: Progress, ctx: PassContext, release: boolean): Promise<boolean> {
  const attempts = progress.attempts.splice(0);
  const at = ctx.now();
  return db.sql.transaction(async (tx) => {
    // Placeholders are bound in text order (SQLite's are positional).
    const p = new SqlParams(tx.kind);
    const set = `"cursor" = ${p.add(progress.cursor)}, "headAttempts" = ${p.add(progress.headAttempts)}, "failingSince" = ${p.add(progress.failingSince)}, "nextAttemptAt" = ${p.add(progress.nextAttemptAt)}, "updatedAt" = ${p.add(at)}`;
    const lease = release ? `"leaseHolder" = NULL, "leasedUntil" = NULL` : `"leasedUntil" = ${p.add(new Date(at.getTime() + ctx.leaseMs))}`;
    const disable = progress.disabledReason
      ? `, "enabled" = ${p.bool(false)}, "disabledReason" = ${p.add(progress.disabledReason)}, "disabledAt" = ${p.add(at)}`
      : "";
    const updated = await tx.query<{ enabled: unknown }>(
      `UPDATE "WebhookEndpoint" SET ${set}, ${lease}${disable}
        WHERE "id" = ${p.add(endpoint.id)} AND "leaseHolder" = ${p.add(ctx.holder)} AND "cursorEpoch" = ${p.add(endpoint.cursorEpoch)}
        RETURNING "enabled"`,
      p.values,
    );
    if (updated.length) {
      await insertWebhookAttempts(tx, attempts);
      return updated[0].enabled === true || updated[0].enabled === 1;
    }
    // A replay moved the cursor (or the lease was lost): keep the log, give up the lease if still ours.
    const r = new SqlParams(tx.kind);
    const exists = await tx.query(`SELECT 1 FROM "WebhookEndpoint" WHERE "id" = ${r.add(endpoint.id)}`, r.values);
    if (exists.length) {
      await insertWebhookAttempts(tx, attempts);
      const l = new SqlParams(tx.kind);
      await tx.execute(`UPDATE "WebhookEndpoint" SET "leaseHolder" = NULL, "leasedUntil" = NULL WHERE "id" = ${l.add(endpoint.id)} AND "leaseHolder" = ${l.add(ctx.holder)}`, l.values);
    }
    return false;
  });
}

function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(String(v));
}
