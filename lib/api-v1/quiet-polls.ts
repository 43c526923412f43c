// A consumer polls the events feed every few seconds, and most polls find nothing new: one activity
// row each would bury the log (and cost a write per poll). Such a poll gets a row at most once a
// minute per API key, on each instance; every other request (one with events, any other endpoint,
// every failure) always gets its row.
import type { ThrottledLog } from "@/lib/http/handle-machine-request";

const QUIET_LOG_INTERVAL_MS = 60_000;
/** Keys remembered at most; past it, entries older than the interval are forgotten. */
const MAX_KEYS = 10_000;

// Plain module state, as the per-key rate limiter (./rate-limit.ts).
const lastLogged = new Map<string, number>();

/** Whether this poll with nothing new gets an activity row (the first for the key in a minute). */
export function quietPollLog(apiKeyId: string, now = Date.now()): ThrottledLog {
  const last = lastLogged.get(apiKeyId);
  if (last !== undefined && now - last < QUIET_LOG_INTERVAL_MS) return { write: false };
  if (lastLogged.size >= MAX_KEYS) {
    for (const [id, at] of lastLogged) if (now - at >= QUIET_LOG_INTERVAL_MS) lastLogged.delete(id);
  }
  lastLogged.set(apiKeyId, now);
  return { write: true, unloggedBefore: 0 };
}
