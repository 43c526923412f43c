// The in-process loop that runs background jobs under `npm start` and `next dev`: a timer per job,
// each pass under the job's database lease (lib/jobs/run-job.ts), so with several instances on one
// database each job still runs once per period on one of them. stop() waits for passes in flight.
import type { Job } from "./define-job";
import { holderName, runJob, type RunJobOptions } from "./run-job";

export interface JobLoopOptions {
  jobs: Job[];
  holder?: string;
  /** Delay before a job's first pass, at most (spread so that instances starting together do not collide). */
  firstDelayMs?: number;
  /** The database the leases live in (the process-wide one unless given). */
  db?: RunJobOptions["db"];
}

export interface JobLoop {
  holder: string;
  stop(): Promise<void>;
}

/** Delay before the next pass after one that left work behind. */
const MORE_DELAY_MS = 1000;

export function startJobLoop(options: JobLoopOptions): JobLoop {
  const holder = options.holder ?? holderName();
  const controller = new AbortController();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const running = new Set<Promise<unknown>>();

  function schedule(job: Job, delayMs: number, force: boolean) {
    if (controller.signal.aborted) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const pass = runJob(job, { holder, force, signal: controller.signal, db: options.db }).then(
        (result) => (result.ran && result.more ? schedule(job, MORE_DELAY_MS, true) : schedule(job, jittered(job.everyMs), false)),
        (e: Error) => {
          // The lease could not be taken (e.g. the database is down): try again next period.
          console.error(`[roster] job ${job.name}: ${e.message}`);
          schedule(job, jittered(job.everyMs), false);
        },
      );
      running.add(pass);
      void pass.finally(() => running.delete(pass));
    }, delayMs);
    // The loop never keeps a process alive on its own.
    timer.unref?.();
    timers.add(timer);
  }

  for (const job of options.jobs) schedule(job, Math.random() * Math.min(job.everyMs, options.firstDelayMs ?? 5000), false);

  return {
    holder,
    async stop() {
      controller.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}

/** ±10%, so instances that started together drift apart instead of racing for every lease. */
function jittered(ms: number): number {
  return ms * (0.9 + Math.random() * 0.2);
}
