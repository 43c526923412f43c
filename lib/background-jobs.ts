// Every background job, one line each: the in-process loop runs them all, the cron route
// (/api/cron/<name>) one by name. A new job is defined in its own room with defineJob and listed here.
import { retentionJob } from "@/lib/activity/retention-job";
import { auditRetentionJob } from "@/lib/audit/retention-job";
import type { Job } from "@/lib/jobs/define-job";
import { startJobLoop } from "@/lib/jobs/job-loop";
import { expiredTokensJob } from "@/lib/oauth/expired-tokens-job";
import { processRegistry } from "@/lib/process-registry";
import { settings } from "@/lib/settings";
import { syncSilenceJob } from "@/lib/sync-health/sync-silence-job";
import { webhookJob } from "@/lib/webhooks/webhook-job";

export const BACKGROUND_JOBS: readonly Job[] = [retentionJob, expiredTokensJob, webhookJob, syncSilenceJob, auditRetentionJob];

export function findBackgroundJob(name: string): Job | undefined {
  return BACKGROUND_JOBS.find((job) => job.name === name);
}

/**
 * Starts this process's job loop, unless one runs already (whichever copy of lib/ asks first; see
 * lib/process-registry.ts), on Vercel (no long-running process: its cron calls the route instead), or
 * with ROSTER_BACKGROUND_JOBS=off (an instance that should only serve requests).
 */
export function startBackgroundJobs(): void {
  const registry = processRegistry();
  if (registry.jobLoop || process.env.VERCEL || !settings().jobs.inProcess) return;
  registry.jobLoop = startJobLoop({ jobs: [...BACKGROUND_JOBS] });
}

/** Stops the loop and waits for passes in flight (their leases are released, not left to expire). */
export async function stopBackgroundJobs(): Promise<void> {
  const registry = processRegistry();
  const loop = registry.jobLoop;
  registry.jobLoop = undefined;
  await loop?.stop();
}
