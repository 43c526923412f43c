// A request limit per key (a SCIM directory, an /api/v1 API key), shared by every instance of Roster,
// without a database write per request. Each instance decides on the shared count it last saw plus the
// requests it has admitted since, and adds those to the shared counter (lib/rate-limit/rate-limit.ts)
// in one statement every FLUSH_INTERVAL_MS per key, sooner when its local count nears what the limit
// has left. Instances can therefore together admit a little more than the limit (what the others
// admitted since their last flush): a small, bounded overshoot in exchange for a decision that costs a
// Map lookup instead of a round trip to the database.
import { getDb, type Database } from "@/lib/db/client";
import { addRateLimitHits } from "./rate-limit";
import type { RateVerdict, ThrottledLog } from "@/lib/http/handle-machine-request";

export interface RateLimiterSettings {
  /** Requests per key per window; 0 turns the limit off. */
  limit: number;
  windowSeconds: number;
}

/** How often an instance adds its locally counted requests to the shared counter. */
export const FLUSH_INTERVAL_MS = 250;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: number; windowSeconds: number };

interface Bucket {
  /** The shared count as of the last flush (every instance's requests in the current window). */
  shared: number;
  /** Start of the window `shared` belongs to (epoch ms), as the shared counter reported it. */
  windowStart: number;
  /** Requests admitted here and not yet added to the shared counter. */
  pending: number;
  /** Requests admitted here that the flush under way is adding to the shared counter. */
  inFlight: number;
  lastFlush: number;
  lastUsed: number;
  flushing?: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
  /** Throttled requests not written to the activity log since the last one that was. */
  unloggedThrottled: number;
  lastThrottledLog: number;
}

export interface SharedRateLimiterOptions {
  /** Names the shared counters (`<keyPrefix>:<id>`): "scim" counts per directory, "v1" per API key. */
  keyPrefix: string;
  /** Read on every decision, so a changed setting applies at once. */
  settings: () => RateLimiterSettings;
  db?: () => Database;
  flushIntervalMs?: number;
}

const MAX_BUCKETS = 10_000;

export class SharedRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly db: () => Database;
  private readonly settings: () => RateLimiterSettings;
  private readonly flushIntervalMs: number;
  private readonly keyPrefix: string;

  constructor(options: SharedRateLimiterOptions) {
    this.db = options.db ?? getDb;
    this.settings = options.settings;
    this.flushIntervalMs = options.flushIntervalMs ?? FLUSH_INTERVAL_MS;
    this.keyPrefix = options.keyPrefix;
  }

  /** check() as the machine-request wrapper takes it; `whose` ends the refusal, e.g. "for this directory". */
  verdict(id: string, whose: string): RateVerdict {
    const decision = this.check(id);
    if (decision.allowed) return decision;
    return {
      allowed: false,
      retryAfterSeconds: decision.retryAfterSeconds,
      message: `Too many requests ${whose} (limit ${decision.limit} per ${decision.windowSeconds} s); retry after ${decision.retryAfterSeconds} s`,
      log: this.takeThrottledLogSlot(id),
    };
  }

  /** Counts one request under `id`, or refuses it when `id` is over its limit. */
  check(id: string): RateDecision {
    const { limit, windowSeconds } = this.settings();
    if (limit <= 0) return { allowed: true };
    const now = Date.now();
    const bucket = this.bucket(id, now);
    const windowEnds = bucket.windowStart + windowSeconds * 1000;
    if (now >= windowEnds) {
      // The window we know of is over: start counting afresh; the next flush reports the shared one.
      bucket.shared = 0;
      bucket.windowStart = now;
    }
    const known = bucket.shared + bucket.inFlight;
    if (known + bucket.pending >= limit) {
      // Refused requests are not counted, but the shared count is refreshed so a new window is noticed.
      this.scheduleFlush(id, bucket, now);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((bucket.windowStart + windowSeconds * 1000 - now) / 1000)), limit, windowSeconds };
    }
    bucket.pending++;
    // Near the limit, waiting for the interval would let every instance overshoot by a full interval of
    // traffic: once the local count reaches an eighth of what is left, flush at once. That costs a
    // handful of extra writes per window, all of them close to the limit.
    if (bucket.pending >= Math.max(1, Math.floor((limit - known) / 8)) && !bucket.flushing) void this.flushBucket(id);
    else this.scheduleFlush(id, bucket, now);
    return { allowed: true };
  }

  /**
   * Whether a throttled request should get its own activity-log row: at most one a second per
   * key, so a flood that is being refused cannot turn into a flood of log writes. A row that is
   * written says how many throttled requests went unlogged before it.
   */
  takeThrottledLogSlot(id: string): ThrottledLog {
    const now = Date.now();
    const bucket = this.bucket(id, now);
    if (now - bucket.lastThrottledLog < 1000) {
      bucket.unloggedThrottled++;
      return { write: false };
    }
    const skipped = bucket.unloggedThrottled;
    bucket.unloggedThrottled = 0;
    bucket.lastThrottledLog = now;
    return { write: true, unloggedBefore: skipped };
  }

  /** Adds the locally counted requests to the shared counter now (every key's when none is given). */
  async flush(id?: string): Promise<void> {
    const ids = id ? [id] : [...this.buckets.keys()];
    await Promise.all(
      ids.map(async (key) => {
        // A flush already under way carries only what was counted before it started.
        await this.buckets.get(key)?.flushing;
        await this.flushBucket(key);
      }),
    );
  }

  /** Stops pending timers (tests). */
  dispose() {
    for (const bucket of this.buckets.values()) if (bucket.timer) clearTimeout(bucket.timer);
    this.buckets.clear();
  }

  private bucket(id: string, now: number): Bucket {
    let bucket = this.buckets.get(id);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.evictIdle(now);
      bucket = { shared: 0, windowStart: now, pending: 0, inFlight: 0, lastFlush: 0, lastUsed: now, unloggedThrottled: 0, lastThrottledLog: 0 };
      this.buckets.set(id, bucket);
    }
    bucket.lastUsed = now;
    return bucket;
  }

  private evictIdle(now: number) {
    const idleFor = this.settings().windowSeconds * 1000 * 2;
    for (const [id, b] of this.buckets) {
      if (now - b.lastUsed > idleFor && !b.pending && !b.flushing && !b.timer) this.buckets.delete(id);
    }
  }

  private scheduleFlush(id: string, bucket: Bucket, now: number) {
    if (bucket.flushing || bucket.timer) return;
    const due = bucket.lastFlush + this.flushIntervalMs - now;
    if (due <= 0) {
      void this.flushBucket(id);
      return;
    }
    bucket.timer = setTimeout(() => {
      bucket.timer = undefined;
      void this.flushBucket(id);
    }, due);
    // A pending flush never keeps a process alive on its own.
    bucket.timer.unref?.();
  }

  private flushBucket(id: string): Promise<void> {
    const bucket = this.buckets.get(id);
    if (!bucket) return Promise.resolve();
    if (bucket.flushing) return bucket.flushing;
    if (bucket.timer) {
      clearTimeout(bucket.timer);
      bucket.timer = undefined;
    }
    const hits = bucket.pending;
    bucket.pending = 0;
    bucket.inFlight = hits;
    bucket.lastFlush = Date.now();
    const { limit, windowSeconds } = this.settings();
    bucket.flushing = Promise.resolve()
      .then(() => addRateLimitHits({ key: `${this.keyPrefix}:${id}`, limit, windowSeconds }, hits, this.db()))
      .then((state) => {
        bucket.shared = state.count;
        bucket.windowStart = state.windowStart.getTime();
      })
      .catch(() => {
        // The database is unreachable (the request itself will answer 503): keep the count for later.
        bucket.pending += hits;
      })
      .finally(() => {
        bucket.inFlight = 0;
        bucket.flushing = undefined;
        // Requests admitted while the flush ran are flushed on the next interval.
        if (bucket.pending > 0) this.scheduleFlush(id, bucket, Date.now());
      });
    return bucket.flushing;
  }
}
