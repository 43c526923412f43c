// What every scenario needs: the options, the workload sizes, the phases recorded so far and the time
// budget, plus `phase()` to run one bounded pool of requests as a named phase.
import { runPool } from "./load-pool";
import { Phase } from "./latency";
import { log } from "./log";
import type { BenchOptions, Workload } from "./options";

export class RunContext {
  readonly phases: Phase[] = [];
  readonly skipped: string[] = [];
  /** The CPU time of the server under test so far (ms), set while one runs. */
  serverCpu?: () => number;
  /** The peak RSS of the server under test so far (bytes), set while one runs. */
  serverPeakRss?: () => number;
  private readonly deadline: number;

  constructor(
    readonly options: BenchOptions,
    readonly work: Workload,
    /** Which run the phases belong to, e.g. "sqlite". */
    readonly label: string,
  ) {
    this.deadline = performance.now() + work.totalBudgetMs;
  }

  /** Whether there is time left for another phase. */
  get timeLeft(): boolean {
    return performance.now() < this.deadline;
  }

  /**
   * Runs `count` tasks at the configured concurrency (or `concurrency`) as phase `name`; the task
   * records its requests on the phase's operations. Skipped when the run's time budget is spent.
   * With `round`, the tasks are one more round of that phase (see Phase).
   */
  async phase(
    name: string,
    count: number,
    task: (phase: Phase, index: number) => Promise<void>,
    concurrency = this.options.concurrency,
    round?: Phase,
  ): Promise<Phase | undefined> {
    if (!this.timeLeft) {
      this.skipped.push(name);
      log(`skipped ${name}: the run's time budget is spent`);
      return undefined;
    }
    const phase = round ?? new Phase(name);
    if (!this.phases.includes(phase)) this.phases.push(phase);
    const budget = Math.min(this.work.phaseBudgetMs, Math.max(1_000, this.deadline - performance.now()));
    const cpu = this.serverCpu;
    const cpuBefore = cpu?.();
    phase.start();
    const result = await runPool({ concurrency, count, budgetMs: budget, task: (i) => task(phase, i) });
    phase.end();
    if (cpu && cpuBefore !== undefined) phase.serverCpuMs = (phase.serverCpuMs ?? 0) + cpu() - cpuBefore;
    if (this.serverPeakRss) phase.serverPeakRssMb = this.serverPeakRss() / 2 ** 20;
    if (result.truncated) {
      phase.truncated = true;
      phase.note = `stopped by the time budget after ${result.started} of ${count}`;
    }
    if (result.failed) {
      phase.note = `${phase.note ? phase.note + "; " : ""}${result.failed} task(s) threw: ${result.firstError?.split("\n")[0]}`;
    }
    const reqs = phase.summaries().reduce((n, s) => n + s.count, 0);
    log(`${name}: ${reqs} requests in ${phase.seconds.toFixed(1)} s${phase.note ? ` (${phase.note})` : ""}`);
    return phase;
  }
}

/** A deterministic shuffle (so runs are comparable), Fisher–Yates with a small LCG. */
export function shuffled<T>(items: T[], seed = 42): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
