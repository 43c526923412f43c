// The load driver: runs `count` tasks with at most `concurrency` in flight, and stops handing out new
// ones when the time budget is spent. Bounded in count and in time, always.

export interface PoolOptions {
  concurrency: number;
  count: number;
  /** Wall-clock budget; tasks not started by then are skipped (the result says so). */
  budgetMs: number;
  task: (index: number) => Promise<void>;
}

export interface PoolResult {
  started: number;
  failed: number;
  truncated: boolean;
  firstError?: string;
}

export async function runPool({ concurrency, count, budgetMs, task }: PoolOptions): Promise<PoolResult> {
  const deadline = performance.now() + budgetMs;
  let next = 0;
  let failed = 0;
  let truncated = false;
  let firstError: string | undefined;
  async function worker() {
    for (;;) {
      if (next >= count) return;
      if (performance.now() > deadline) {
        truncated = true;
        return;
      }
      const index = next++;
      try {
        await task(index);
      } catch (e) {
        // A task that throws is a bug in the bench (HTTP errors are recorded, not thrown); keep going.
        failed++;
        firstError ??= e instanceof Error ? (e.stack ?? e.message) : String(e);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  return { started: next, failed, truncated, firstError };
}
