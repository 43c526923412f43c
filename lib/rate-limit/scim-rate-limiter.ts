// Per-directory request limit for /api/scim/v2, shared by every instance of Roster, without a database
// write per request. Each instance decides on the shared count it last saw plus the requests it has
// admitted since, and adds those to the shared counter (lib/rate-limit/rate-limit.ts) in one statement
// every FLUSH_INTERVAL_MS per directory, sooner when its local count nears what the limit has left.
// Instances can therefore together admit a little more than the limit (what the others admitted since
// their last flush): a small, bounded overshoot in exchange for a decision that costs a Map lookup
// instead of a round trip to the database.
import { getDb, type Database } from "@/lib/db/client";
import { addRateLimitHits } from "./rate-limit";
import { settings } from "@/lib/settings";
import type { RateVerdict, ThrottledLog } from "@/lib/http/handle-machine-request";

export interface ScimRateLimitSettings {
  /** Requests per directory per window; 0 turns the limit off. */
  limit: number;
  windowSeconds: number;
}

/** How often an instance adds its locally counted requests to the shared counter. */
export const FLUSH_INTERVAL_MS = 250;

/** ROSTER_SCIM_RATE_LIMIT requests per ROSTER_SCIM_RATE_WINDOW_SECONDS, per directory (0 = off; defaults in lib/settings.ts). */
export function scimRateLimitSettings(): ScimRateLimitSettings {
  const { rateLimit, rateWindowSeconds } = settings().scim;
  return { limit: rateLimit, windowSeconds: rateWindowSeconds };
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: number; windowSeconds: number };

interface Bucket {
  /** The shared count as of the last flush (every instance's requests in the current window). */
  shared: number;
  /** Start of the window `shared` belongs to (epoch ms), as the shared counter reported it. */
  windowStart: number;
  /** Requests admitted here and not yet added to the shared counter. */
  pending: number;
  lastFlush: number;
  lastUsed: number;
  flushing?: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
  /** Throttled requests not written to the activity log since the last one that was. */
  unloggedThrottled: number;
  lastThrottledLog: number;
}

export interface ScimRateLimiterOptions {
  /** Names the shared counters (`<keyPrefix>:<id>`): "scim" counts per directory; /api/v1 counts per API key. */
  keyPrefix?: string;
  db?: () => Database;
  settings?: () => ScimRateLimitSettings;
  flushIntervalMs?: number;
}

const MAX_BUCKETS = 10_000;

export class ScimRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly db: () => Database;
  private readonly settings: () => ScimRateLimitSettings;
  private readonly flushIntervalMs: number;
  private readonly keyPrefix: string;

  constructor(options: ScimRateLimiterOptions = {}) {
    this.db = options.db ?? getDb;
    this.settings = options.settings ?? scimRateLimitSettings;
    this.flushIntervalMs = options.flushIntervalMs ?? FLUSH_INTERVAL_MS;
    this.keyPrefix = options.keyPrefix ?? "scim";
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

  /** Counts one request of the directory, or refuses it when the directory is over its limit. */
  check(directoryId: string): RateDecision {
    const { limit, windowSeconds } = this.settings();
    if (limit <= 0) return { allowed: true };
    const now = Date.now();
    const bucket = this.bucket(directoryId, now);
    const windowEnds = bucket.windowStart + windowSeconds * 1000;
    if (now >= windowEnds) {
      // The window we know of is over: start counting afresh; the next flush reports the shared one.
      bucket.shared = 0;
      bucket.windowStart = now;
    }
    if (bucket.shared + bucket.pending >= limit) {
      // Refused requests are not counted, but the shared count is refreshed so a new window is noticed.
      this.scheduleFlush(directoryId, bucket, now);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((bucket.windowStart + windowSeconds * 1000 - now) / 1000)), limit, windowSeconds };
    }
    bucket.pending++;
    // Near the limit, waiting for the interval would let every instance overshoot by a full interval of
    // traffic: once the local count reaches an eighth of what is left, flush at once. That costs a
    // handful of extra writes per window, all of them close to the limit.
    if (bucket.pending >= Math.max(1, Math.floor((limit - bucket.shared) / 8)) && !bucket.flushing) void this.flushBucket(directoryId);
    else this.scheduleFlush(directoryId, bucket, now);
    return { allowed: true };
  }

  /**
   * Whether a throttled request should get its own activity-log row: at most one a second per
   * directory, so a flood that is being refused cannot turn into a flood of log writes. A row that is
   * written says how many throttled requests went unlogged before it.
   */
  takeThrottledLogSlot(directoryId: string): ThrottledLog {
    const now = Date.now();
    const bucket = this.bucket(directoryId, now);
    if (now - bucket.lastThrottledLog < 1000) {
      bucket.unloggedThrottled++;
      return { write: false };
    }
    const skipped = bucket.unloggedThrottled;
    bucket.unloggedThrottled = 0;
    bucket.lastThrottledLog = now;
    return { write: true, unloggedBefore: skipped };
  }

  /** Adds the locally counted requests to the shared counter now (all directories when none is given). */
  async flush(directoryId?: string): Promise<void> {
    const ids = directoryId ? [directoryId] : [...this.buckets.keys()];
    await Promise.all(
      ids.map(async (id) => {
        // A flush already under way carries only what was counted before it started.
        await this.buckets.get(id)?.flushing;
        await this.flushBucket(id);
      }),
    );
  }

  /** Stops pending timers (tests). */
  dispose() {
    for (const bucket of this.buckets.values()) if (bucket.timer) clearTimeout(bucket.timer);
    this.buckets.clear();
  }

  private bucket(directoryId: string, now: number): Bucket {
    let bucket = this.buckets.get(directoryId);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.evictIdle(now);
      bucket = { shared: 0, windowStart: now, pending: 0, lastFlush: 0, lastUsed: now, unloggedThrottled: 0, lastThrottledLog: 0 };
      this.buckets.set(directoryId, bucket);
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

  private scheduleFlush(directoryId: string, bucket: Bucket, now: number) {
    if (bucket.flushing || bucket.timer) return;
    const due = bucket.lastFlush + this.flushIntervalMs - now;
    if (due <= 0) {
      void this.flushBucket(directoryId);
      return;
    }
    bucket.timer = setTimeout(() => {
      bucket.timer = undefined;
      void this.flushBucket(directoryId);
    }, due);
    // A pending flush never keeps a process alive on its own.
    bucket.timer.unref?.();
  }

  private flushBucket(directoryId: string): Promise<void> {
    const bucket = this.buckets.get(directoryId);
    if (!bucket) return Promise.resolve();
    if (bucket.flushing) return bucket.flushing;
    if (bucket.timer) {
      clearTimeout(bucket.timer);
      bucket.timer = undefined;
    }
    const hits = bucket.pending;
    bucket.pending = 0;
    bucket.lastFlush = Date.now();
    const { limit, windowSeconds } = this.settings();
    bucket.flushing = Promise.resolve()
      .then(() => addRateLimitHits({ key: `${this.keyPrefix}:${directoryId}`, limit, windowSeconds }, hits, this.db()))
      .then((state) => {
        bucket.shared = state.count;
        bucket.windowStart = state.windowStart.getTime();
      })
      .catch(() => {
        // The database is unreachable (the request itself will answer 503): keep the count for later.
        bucket.pending += hits;
      })
      .finally(() => {
        bucket.flushing = undefined;
        // Requests admitted while the flush ran are flushed on the next interval.
        if (bucket.pending > 0) this.scheduleFlush(directoryId, bucket, Date.now());
      });
    return bucket.flushing;
  }
}

// Plain module state: only one copy of lib/ answers SCIM in a process (the front server's under
// `npm start`), and the shared counter in the database carries the count across a `next dev` reload.
let limiter: ScimRateLimiter | undefined;

/** The process-wide limiter used by handleScimRequest. */
export function scimRateLimiter(): ScimRateLimiter {
  return (limiter ??= new ScimRateLimiter());
}
