// A background job: periodic or queued work that no single request owns (retention, webhook delivery,
// health checks). Defined once, in the room it belongs to; listed in lib/background-jobs.ts; run by the
// in-process loop (lib/jobs/job-loop.ts) or one pass at a time by the cron route (/api/cron/<name>).

export interface JobRunContext {
  /** Aborted when the loop stops or the lease was lost: stop at the next safe point. */
  signal: AbortSignal;
}

export interface JobOutcome {
  /** The pass stopped at a bound with work left: run again soon rather than in `everyMs`. */
  more?: boolean;
}

export interface Job {
  name: string;
  everyMs: number;
  /** How long a holder may run before another instance may take over (it is renewed while running). */
  leaseMs: number;
  /** One bounded pass. */
  run(context: JobRunContext): Promise<JobOutcome | void>;
}

export interface DefineJobOptions {
  /** Lower-case words joined by "-": it is the cron route's path segment and the lease's key. */
  name: string;
  /** How often the job is due, across all instances. */
  everyMs: number;
  leaseMs?: number;
  run: Job["run"];
}

const DEFAULT_LEASE_MS = 5 * 60_000;

export function defineJob(options: DefineJobOptions): Job {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(options.name)) throw new Error(`Job name "${options.name}" must be lower-case words joined by "-"`);
  if (!(options.everyMs >= 1000)) throw new Error(`Job ${options.name}: everyMs must be at least 1000`);
  return { name: options.name, everyMs: options.everyMs, leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS, run: options.run };
}
