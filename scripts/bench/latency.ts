// Latency samples per operation and their percentiles. Samples are kept exactly (a run records at most
// a few hundred thousand of them, a few MB), so percentiles are exact, not bucket estimates.

export interface OperationSummary {
  phase: string;
  operation: string;
  count: number;
  errors: number;
  /** Completed requests per second over the wall time of the operation's phase. */
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** A few non-2xx (or failed) requests, as "METHOD path → status body…". */
  errorSamples: string[];
}

const MAX_ERROR_SAMPLES = 3;

export class LatencyRecorder {
  private samples: number[] = [];
  errors = 0;
  readonly errorSamples: string[] = [];

  constructor(
    readonly phase: string,
    readonly operation: string,
  ) {}

  record(ms: number) {
    this.samples.push(ms);
  }

  fail(ms: number, sample: string) {
    this.samples.push(ms);
    this.errors++;
    if (this.errorSamples.length < MAX_ERROR_SAMPLES) this.errorSamples.push(sample);
  }

  get count() {
    return this.samples.length;
  }

  summary(phaseSeconds: number): OperationSummary {
    const sorted = Float64Array.from(this.samples).sort();
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
    return {
      phase: this.phase,
      operation: this.operation,
      count: sorted.length,
      errors: this.errors,
      perSecond: phaseSeconds > 0 ? sorted.length / phaseSeconds : NaN,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
      errorSamples: [...this.errorSamples],
    };
  }
}

/**
 * The operations of one phase, and how long the phase took (for requests per second). A phase may
 * run in several rounds (interleaved with another one, to compare the two under the same machine
 * load): its time is the sum of its rounds.
 */
export class Phase {
  private readonly recorders = new Map<string, LatencyRecorder>();
  private elapsedMs = 0;
  private roundStart?: number;
  /** Set when the phase hit its time budget before sending everything. */
  truncated = false;
  note?: string;
  /** Server CPU time used during the phase (ms), when the server is known. */
  serverCpuMs?: number;
  /** The server's peak RSS so far (MB) when the phase ended: shows which phase raised it. */
  serverPeakRssMb?: number;

  constructor(readonly name: string) {}

  op(operation: string): LatencyRecorder {
    let r = this.recorders.get(operation);
    if (!r) {
      r = new LatencyRecorder(this.name, operation);
      this.recorders.set(operation, r);
    }
    return r;
  }

  start() {
    this.roundStart ??= performance.now();
  }

  end() {
    if (this.roundStart === undefined) return;
    this.elapsedMs += performance.now() - this.roundStart;
    this.roundStart = undefined;
  }

  get seconds(): number {
    return (this.elapsedMs + (this.roundStart === undefined ? 0 : performance.now() - this.roundStart)) / 1000;
  }

  get requests(): number {
    let n = 0;
    for (const r of this.recorders.values()) n += r.count;
    return n;
  }

  summaries(): OperationSummary[] {
    return [...this.recorders.values()].map((r) => r.summary(this.seconds));
  }
}
