// One pass of a job under its lease: take the lease (or do nothing), renew it while the pass runs,
// record when it ran and how it ended, give the lease up. Never throws for the job's own failure: the
// error is recorded in JobLease.lastError and returned.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/db/client";
import type { Job } from "./define-job";
import { acquireLease, releaseLease, renewLease } from "./lease";

export interface RunJobOptions {
  /** Who is asking; one per process (see holderName). */
  holder: string;
  /** Run even when the job is not due (the cron route, or a pass that left work behind); never while leased. */
  force?: boolean;
  /** Aborts the pass (the loop is stopping). */
  signal?: AbortSignal;
  db?: Database;
}

export type RunJobResult = { ran: false } | { ran: true; more: boolean; error?: string; durationMs: number };

/** This process's name in JobLease.holder: host, pid and a random part (pids repeat across restarts). */
export function holderName(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export async function runJob(job: Job, options: RunJobOptions): Promise<RunJobResult> {
  const { holder, db } = options;
  const acquired = await acquireLease({ name: job.name, holder, leaseMs: job.leaseMs, dueAfterMs: options.force ? undefined : job.everyMs, db });
  if (!acquired) return { ran: false };
  const started = new Date();
  const controller = new AbortController();
  const stop = () => controller.abort();
  options.signal?.addEventListener("abort", stop);
  // Renewed well before it expires, so only a holder that stopped renewing (crashed, hung) loses it.
  const renewal = setInterval(() => {
    renewLease({ name: job.name, holder, leaseMs: job.leaseMs, db }).then(
      (held) => {
        if (!held) controller.abort();
      },
      () => undefined,
    );
  }, job.leaseMs / 3);
  renewal.unref?.();
  let error: string | undefined;
  let more = false;
  try {
    more = (await job.run({ signal: controller.signal }))?.more === true;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    console.error(`[roster] job ${job.name} failed:`, e instanceof Error ? (e.stack ?? e.message) : e);
  } finally {
    clearInterval(renewal);
    options.signal?.removeEventListener("abort", stop);
  }
  await releaseLease({ name: job.name, holder, ranAt: started, error, db }).catch((e: Error) => console.error(`[roster] job ${job.name}: could not release its lease:`, e.message));
  return { ran: true, more, error, durationMs: Date.now() - started.getTime() };
}
