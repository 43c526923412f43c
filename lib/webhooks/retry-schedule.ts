// When a failed delivery is tried again. The event at the head of an endpoint's queue is retried with
// exponential backoff, 5 s × 2^(n−1) after the n-th failure, capped at one hour, each delay ±20 %
// (jitter, so receivers coming back are not hit by every endpoint at once): 5 s, 10 s, 20 s, … 43 min,
// then hourly. An endpoint failing for DISABLE_AFTER_MS is disabled with the reason shown; until then
// the head event is retried (about 80 attempts over the three days). README: "Webhooks".
export const RETRY_BASE_MS = 5_000;
export const RETRY_CAP_MS = 60 * 60_000;
export const DISABLE_AFTER_MS = 3 * 24 * 60 * 60_000;

/** The delay after the `failures`-th failed attempt of one event (1 = the first). */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(30, Math.max(0, failures - 1)));
  return Math.round(base * (0.8 + 0.4 * random()));
}
