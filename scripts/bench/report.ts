// The printed result: one row per operation (count, requests/s, p50/p95/p99/max latency, errors), the
// server's peak memory and database size, the baseline ratio, activity logging on/off, and the
// targets of the performance issue with PASS/MISS; then issue #17's five phases side by side (Roster
// and the bare baseline, on one database or both) and its goal table.
import type { BenchDbKind } from "./database";
import type { OperationSummary } from "./latency";

export interface PhaseReport {
  name: string;
  seconds: number;
  note?: string;
  /** Server CPU ms per request over the phase (the roster-server process; not the database's). */
  serverCpuMsPerRequest?: number;
  /** Server peak RSS so far (MB) at the end of the phase. */
  serverPeakRssMb?: number;
  operations: OperationSummary[];
}

export interface Target {
  name: string;
  measured: string;
  pass: boolean | null;
}

/** One side of one of issue #17's phases: all its requests over the phase's wall time. */
export interface PhaseFigures {
  requests: number;
  perSecond: number;
  /** The highest p99 of the phase's operations. */
  p99: number;
  cpuMsPerRequest?: number;
  errors: number;
}

export interface EntraPhaseRow {
  phase: string;
  roster?: PhaseFigures;
  baseline?: PhaseFigures;
}

export interface EntraPhasesResult {
  users: number;
  concurrency: number;
  rows: EntraPhaseRow[];
  /** Peak RSS of the baseline server over its run (MB). */
  baselinePeakRssMb?: number;
}

export interface BenchReport {
  database: BenchDbKind;
  title: string;
  environment: string;
  phases: PhaseReport[];
  skipped: string[];
  resources: { serverPeakRssMb: number; serverReadyRssMb?: number; treePeakRssMb: number; databaseMb: number; databaseLabel: string };
  baseline?: { rosterCreatesPerSecond: number; baselineCreatesPerSecond: number; ratio: number };
  logging?: { onPerSecond: number; offPerSecond: number; costPercent: number; onP99: number; offP99: number; onCpuMs?: number; offCpuMs?: number };
  /** Creates/s with the events feed's writes on and off, and one poller's feed read throughput. */
  events?: { onPerSecond?: number; offPerSecond?: number; costPercent?: number; feedEvents?: number; feedEventsPerSecond?: number };
  /** Creates/s with one webhook subscribed vs without, and one endpoint's delivery throughput. */
  /** Creates/s with the sync-health bookkeeping (cycles, health states, error reasons) on and off. */
  syncHealth?: { onPerSecond: number; offPerSecond: number; costPercent: number; onCpuMs?: number; offCpuMs?: number };
  webhooks?: { onPerSecond?: number; hookedPerSecond?: number; costPercent?: number; deliveredEvents?: number; deliveryEventsPerSecond?: number };
  admin: { status: string };
  /** Issue #17's five phases, Roster beside the baseline. */
  entraPhases?: EntraPhasesResult;
  targets: Target[];
  /** Issue #17's goals for this database alone (the PostgreSQL/SQLite ratios need a --both run). */
  goals: Target[];
  durationSeconds: number;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

export function formatReport(r: BenchReport): string {
  const lines: string[] = [];
  const width = 62;
  lines.push(r.title, r.environment, "");
  lines.push(`${pad("phase / operation", width)}${["count", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"].map((h) => lpad(h, 9)).join("")}`);
  lines.push("-".repeat(width + 63));
  for (const phase of r.phases) {
    const cpu = phase.serverCpuMsPerRequest === undefined ? "" : `; server CPU ${fmt(phase.serverCpuMsPerRequest, 2)} ms/request`;
    const rss = phase.serverPeakRssMb === undefined ? "" : `; RSS peak ${fmt(phase.serverPeakRssMb, 0)} MB`;
    lines.push(`${phase.name}  [${fmt(phase.seconds)} s${cpu}${rss}${phase.note ? `; ${phase.note}` : ""}]`);
    for (const op of phase.operations) {
      const cells = [String(op.count), fmt(op.perSecond), fmt(op.p50), fmt(op.p95), fmt(op.p99), fmt(op.max), String(op.errors)];
      lines.push(`${pad(`  ${op.operation}`, width)}${cells.map((c) => lpad(c, 9)).join("")}`);
      for (const sample of op.errorSamples) lines.push(`      ! ${sample}`);
    }
  }
  if (r.skipped.length) lines.push("", `Skipped (time budget): ${r.skipped.join(", ")}`);
  lines.push("");
  const ready = r.resources.serverReadyRssMb ? `; ${fmt(r.resources.serverReadyRssMb, 0)} MB when ready, before any load` : "";
  lines.push(`Server peak RSS: ${fmt(r.resources.serverPeakRssMb, 0)} MB${ready} (roster-server process; whole process tree incl. npx/tsx wrappers: ${fmt(r.resources.treePeakRssMb, 0)} MB)`);
  lines.push(`Database size at the end: ${fmt(r.resources.databaseMb)} MB (${r.resources.databaseLabel})`);
  if (r.baseline) {
    lines.push(
      `Baseline (bare node:http + one INSERT per request): ${fmt(r.baseline.baselineCreatesPerSecond)} creates/s; Roster ${fmt(r.baseline.rosterCreatesPerSecond)} creates/s = ${fmt(r.baseline.ratio * 100)}% of baseline (ratio ${fmt(r.baseline.ratio, 2)})`,
    );
  }
  if (r.logging) {
    lines.push(
      `Activity log on: ${fmt(r.logging.onPerSecond)} creates/s (p99 ${fmt(r.logging.onP99)} ms); off (ROSTER_ACTIVITY_LOG=off): ${fmt(r.logging.offPerSecond)} creates/s (p99 ${fmt(r.logging.offP99)} ms); logging costs ${fmt(r.logging.costPercent)}% of throughput`,
    );
    if (r.logging.onCpuMs !== undefined && r.logging.offCpuMs !== undefined) {
      lines.push(
        `  server CPU per create: ${fmt(r.logging.onCpuMs, 2)} ms with the log, ${fmt(r.logging.offCpuMs, 2)} ms without (the log is ${fmt((1 - r.logging.offCpuMs / r.logging.onCpuMs) * 100)}% of the CPU a create costs)`,
      );
    }
  }
  if (r.events?.costPercent !== undefined) {
    lines.push(
      `Events feed on: ${fmt(r.events.onPerSecond ?? NaN)} creates/s; off (ROSTER_EVENT_FEED=off): ${fmt(r.events.offPerSecond ?? NaN)} creates/s; the feed's writes cost ${fmt(r.events.costPercent)}% of throughput`,
    );
  }
  if (r.syncHealth) {
    const cpu = r.syncHealth.onCpuMs !== undefined && r.syncHealth.offCpuMs !== undefined ? `; server CPU ${fmt(r.syncHealth.onCpuMs)} vs ${fmt(r.syncHealth.offCpuMs)} ms per create` : "";
    lines.push(
      `Sync health on: ${fmt(r.syncHealth.onPerSecond)} creates/s; off (ROSTER_SYNC_HEALTH=off): ${fmt(r.syncHealth.offPerSecond)} creates/s; the bookkeeping costs ${fmt(r.syncHealth.costPercent)}% of throughput${cpu}`,
    );
  }
  if (r.events?.feedEventsPerSecond !== undefined) lines.push(`Events feed read (one poller, 1,000 a page): ${r.events.feedEvents} events at ${fmt(r.events.feedEventsPerSecond, 0)} events/s`);
  if (r.webhooks?.costPercent !== undefined) {
    lines.push(
      `One webhook subscribed: ${fmt(r.webhooks.hookedPerSecond ?? NaN)} creates/s vs ${fmt(r.webhooks.onPerSecond ?? NaN)} without; delivering costs ${fmt(r.webhooks.costPercent)}% of create throughput`,
    );
  }
  if (r.webhooks?.deliveryEventsPerSecond !== undefined) lines.push(`Webhook delivery (one endpoint, receiver on this machine): ${r.webhooks.deliveredEvents} events at ${fmt(r.webhooks.deliveryEventsPerSecond, 0)} events/s`);
  lines.push(`Admin users page: ${r.admin.status}`);
  lines.push("", "Targets:");
  lines.push(...formatTargets(r.targets));
  lines.push("", `Run took ${Math.floor(r.durationSeconds / 60)} min ${Math.round(r.durationSeconds % 60)} s.`);
  return lines.join("\n");
}

function formatTargets(targets: Target[]): string[] {
  return targets.map((t) => `  ${t.pass === null ? "n/a " : t.pass ? "PASS" : "MISS"}  ${pad(t.name, 70)} ${t.measured}`);
}

const DB_LABEL: Record<BenchDbKind, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

/**
 * Issue #17's table as the bench measured it (one column group per database: the baseline, Roster,
 * Roster as a share of the baseline, its worst p99 and its server CPU per request; with both databases,
 * PostgreSQL as a share of SQLite), then the goal table.
 */
export function formatGoals(runs: BenchReport[], goals: Target[]): string {
  const lines: string[] = [];
  const measured = runs.filter((r) => r.entraPhases);
  const first = measured[0]?.entraPhases;
  if (first) {
    lines.push(`Issue #17 phases: ${first.users.toLocaleString("en-US")} users, concurrency ${first.concurrency}; requests/s over each phase, Roster beside the bare node:http baseline in alternating rounds`);
    const header = [pad("phase", 20)];
    for (const r of measured) header.push(...["baseline", "Roster", "×base", "p99 ms", "CPU ms"].map((h) => lpad(`${h}`, 9)), lpad(r.database === "postgresql" && measured.length > 1 ? "×SQLite" : "", 9));
    lines.push(`${pad("", 20)}${measured.map((r) => pad(`  ${DB_LABEL[r.database]}`, 54)).join("")}`);
    lines.push(header.join(""));
    lines.push("-".repeat(header.join("").length));
    for (const [i, row] of first.rows.entries()) {
      const cells = [pad(row.phase, 20)];
      for (const r of measured) {
        const x = r.entraPhases!.rows[i];
        const sqlite = measured.find((m) => m.database === "sqlite")?.entraPhases?.rows[i].roster;
        const vsSqlite = r.database === "postgresql" && sqlite && x.roster ? `${fmt(x.roster.perSecond / sqlite.perSecond, 2)}` : "";
        cells.push(
          ...[
            x.baseline ? fmt(x.baseline.perSecond, 0) : "-",
            x.roster ? fmt(x.roster.perSecond, 0) : "-",
            x.roster && x.baseline ? fmt(x.roster.perSecond / x.baseline.perSecond, 2) : "-",
            x.roster ? fmt(x.roster.p99) : "-",
            x.roster?.cpuMsPerRequest !== undefined ? fmt(x.roster.cpuMsPerRequest, 2) : "-",
            vsSqlite,
          ].map((c) => lpad(c, 9)),
        );
      }
      lines.push(cells.join(""));
    }
    const rss = measured.map((r) => `${DB_LABEL[r.database]}: Roster peak RSS ${fmt(r.resources.serverPeakRssMb, 0)} MB over the whole run${r.resources.serverReadyRssMb ? ` (${fmt(r.resources.serverReadyRssMb, 0)} MB when ready)` : ""}${r.entraPhases!.baselinePeakRssMb ? `, baseline ${fmt(r.entraPhases!.baselinePeakRssMb, 0)} MB` : ""}`);
    lines.push(rss.join("; "), "");
  }
  lines.push(`Goals of issue #17 (${runs.map((r) => DB_LABEL[r.database]).join(" and ")}):`);
  lines.push(...formatTargets(goals));
  return lines.join("\n");
}
