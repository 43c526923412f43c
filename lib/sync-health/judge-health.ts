// The rules of a directory's health state, from counters kept as requests are logged (pure: the
// bookkeeping in record-sync-health.ts and the page both call it).
//
// Entra ID quarantines an application when most of its calls fail, then slows its cycles to one a
// day; `failing` is that zone, so an administrator sees it before Entra acts. A 404 for a missing
// resource and a 409 uniqueness are how provisioning finds out what exists, so they are not failures.
import type { HealthState } from "@/lib/directory-data/directory-health";

/** How many of the latest requests the failure rate looks at. */
export const RECENT_WINDOW = 100;
/** failing: at least this share failed, of the recent window or of the current cycle… */
export const FAILING_RATE = 0.5;
/** …and at least this many, so one stray failure in a quiet directory is not an outage. */
export const FAILING_MIN_FAILURES = 3;
/** degraded: more than this share of the recent window failed. */
export const DEGRADED_RATE = 0.05;

/** The answers that count against the directory's health: 400, 401, 403 and every 5xx. */
const FAILURE_STATUSES = [400, 401, 403];
const FAILURE_FROM = 500;

export function isFailure(status: number): boolean {
  return status >= FAILURE_FROM || FAILURE_STATUSES.includes(status);
}

/** isFailure as a Prisma condition on ActivityLog.status, for the console's counts and filters. */
export function failureStatusWhere() {
  return { OR: [{ status: { gte: FAILURE_FROM } }, { status: { in: FAILURE_STATUSES } }] };
}

export interface HealthCounters {
  /** Outcomes of the latest requests, oldest first: "1" failed, "0" did not. */
  recent: string;
  cycleRequests: number;
  cycleFailures: number;
  /** The latest failure in words, e.g. `401 "The access token is invalid or has expired"`. */
  lastFailure?: string | null;
}

export interface HealthJudgement {
  state: Exclude<HealthState, "new" | "silent">;
  reason: string;
  failureRate: number;
}

export function failureCount(recent: string): number {
  let n = 0;
  for (let i = 0; i < recent.length; i++) if (recent.charCodeAt(i) === 49) n++;
  return n;
}

export function failureRate(recent: string): number {
  return recent.length ? failureCount(recent) / recent.length : 0;
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export function judgeHealth(counters: HealthCounters): HealthJudgement {
  const total = counters.recent.length;
  const failed = failureCount(counters.recent);
  const rate = total ? failed / total : 0;
  const latest = counters.lastFailure ? `; latest: ${counters.lastFailure}` : "";
  const window = `${failed} of the last ${total} requests failed (${percent(rate)})`;
  if (failed >= FAILING_MIN_FAILURES && rate >= FAILING_RATE) {
    return { state: "failing", reason: `${window}${latest}`, failureRate: rate };
  }
  const { cycleRequests, cycleFailures } = counters;
  if (cycleFailures >= FAILING_MIN_FAILURES && cycleFailures >= cycleRequests * FAILING_RATE) {
    return { state: "failing", reason: `${cycleFailures} of the ${cycleRequests} requests of the current cycle failed (${percent(cycleFailures / cycleRequests)})${latest}`, failureRate: rate };
  }
  if (rate > DEGRADED_RATE) return { state: "degraded", reason: `${window}${latest}`, failureRate: rate };
  if (failed === 0) return { state: "healthy", reason: `No failures in the last ${total} requests`, failureRate: rate };
  return { state: "healthy", reason: window, failureRate: rate };
}

/** Appends outcomes to the window, keeping the latest RECENT_WINDOW. */
export function pushOutcomes(recent: string, outcomes: string): string {
  const all = recent + outcomes;
  return all.length > RECENT_WINDOW ? all.slice(all.length - RECENT_WINDOW) : all;
}
