// The performance issues' targets, checked against one run's results (evaluateTargets), and issue #17's
// goals over the five phases on one database or both (evaluateGoals).
import type { OperationSummary } from "./latency";
import type { BenchReport, PhaseReport, Target } from "./report";

/** A result is "flat" when the larger case's median is within this factor of the smaller one's. */
const FLAT_FACTOR = 1.5;

function ops(phases: PhaseReport[], phasePrefix: string): OperationSummary[] {
  return phases.filter((p) => p.name.startsWith(phasePrefix)).flatMap((p) => p.operations);
}

function ratioTarget(name: string, big: OperationSummary | undefined, small: OperationSummary | undefined): Target {
  if (!big || !small || !big.count || !small.count) return { name, measured: "not measured", pass: null };
  const ratio = big.p50 / small.p50;
  return { name, measured: `p50 ${big.p50.toFixed(1)} vs ${small.p50.toFixed(1)} ms (×${ratio.toFixed(2)}); p95 ${big.p95.toFixed(1)} vs ${small.p95.toFixed(1)} ms`, pass: ratio <= FLAT_FACTOR };
}

export function evaluateTargets(r: Omit<BenchReport, "targets" | "goals">, concurrency: number, scaleLabel: string): Target[] {
  const targets: Target[] = [];
  const create = ops(r.phases, "creates (activity log on)").find((o) => o.operation === "POST /Users");
  targets.push(create ? { name: "≥ 1,000 user creates/s", measured: `${create.perSecond.toFixed(0)} /s`, pass: create.perSecond >= 1_000 } : { name: "≥ 1,000 user creates/s", measured: "not measured", pass: null });

  const atScale = r.phases.filter((p) => p.name.startsWith("lookup by") && p.name.endsWith(` at ${scaleLabel} users`)).flatMap((p) => p.operations);
  const slowest = atScale.reduce<OperationSummary | undefined>((m, o) => (!m || o.perSecond < m.perSecond ? o : m), undefined);
  targets.push(
    slowest
      ? { name: `≥ 1,500 filter lookups/s (slowest attribute, at ${scaleLabel} users)`, measured: `${slowest.perSecond.toFixed(0)} /s (${slowest.operation})`, pass: slowest.perSecond >= 1_500 }
      : { name: "≥ 1,500 filter lookups/s", measured: "not measured", pass: null },
  );

  // p99 over the SCIM operations (not the baseline, the warm-up, the admin page or the one-request
  // 10,000-member add, which is measured for itself).
  const scim = r.phases.filter((p) => !p.name.startsWith("baseline") && !p.name.startsWith("admin") && !p.name.startsWith("one PATCH adding")).flatMap((p) => p.operations.map((o) => ({ ...o, phase: p.name })));
  const worst = scim.reduce<(typeof scim)[number] | undefined>((m, o) => (!m || o.p99 > m.p99 ? o : m), undefined);
  const over = scim.filter((o) => o.p99 >= 50).length;
  targets.push(
    worst
      ? { name: `p99 < 50 ms at concurrency ${concurrency} (every SCIM operation)`, measured: `worst p99 ${worst.p99.toFixed(1)} ms (${worst.phase}: ${worst.operation}); ${over} of ${scim.length} operations ≥ 50 ms`, pass: worst.p99 < 50 }
      : { name: "p99 < 50 ms", measured: "not measured", pass: null },
  );

  const lookupPhases = r.phases.filter((p) => p.name.startsWith("lookup by"));
  for (const attribute of ["userName", "externalId", "emails.value"]) {
    const [small, big] = lookupPhases.filter((p) => p.name.startsWith(`lookup by ${attribute} at`));
    targets.push(ratioTarget(`lookup by ${attribute} flat (${small?.name.replace(/^.* at /, "") ?? "?"} → ${big?.name.replace(/^.* at /, "") ?? "?"})`, big?.operations[0], small?.operations[0]));
  }

  const groupReads = ops(r.phases, "group GET, members excluded");
  targets.push(ratioTarget("GET group (members excluded): big group = 10-member group", groupReads.find((o) => !o.operation.includes(" 10-member")), groupReads.find((o) => o.operation.includes(" 10-member"))));
  const toggles = ops(r.phases, "one-member PATCH");
  for (const verb of ["add", "remove"]) {
    const big = toggles.find((o) => o.operation.startsWith(verb) && !o.operation.endsWith(" 10-member group"));
    const small = toggles.find((o) => o.operation.startsWith(verb) && o.operation.endsWith(" 10-member group"));
    targets.push(ratioTarget(`${verb} 1 member: big group = 10-member group`, big, small));
  }

  const admin = ops(r.phases, "admin users page")[0];
  targets.push(
    admin
      ? { name: "admin users page at scale renders in < 300 ms", measured: `p50 ${admin.p50.toFixed(0)} ms, p95 ${admin.p95.toFixed(0)} ms`, pass: admin.p50 < 300 && admin.errors === 0 }
      : { name: "admin users page at scale renders in < 300 ms", measured: r.admin.status, pass: null },
  );
  targets.push({ name: "server peak RSS < 400 MB", measured: `${r.resources.serverPeakRssMb.toFixed(0)} MB`, pass: r.resources.serverPeakRssMb > 0 ? r.resources.serverPeakRssMb < 400 : null });
  targets.push(
    r.logging
      ? { name: "activity logging costs < 15% of throughput", measured: `${r.logging.costPercent.toFixed(1)}%`, pass: r.logging.costPercent < 15 }
      : { name: "activity logging costs < 15% of throughput", measured: "not measured", pass: null },
  );
  const errors = r.phases.reduce((n, p) => n + p.operations.reduce((m, o) => m + o.errors, 0), 0);
  const feedCost = r.events?.costPercent;
  targets.push({ name: "the events feed's writes cost < 10% of create throughput", measured: feedCost === undefined ? "not measured" : `${feedCost.toFixed(1)}%`, pass: feedCost === undefined ? null : feedCost < 10 });
  const delivery = r.webhooks?.deliveryEventsPerSecond;
  targets.push({ name: "webhook delivery ≥ 1,000 events/s to a local receiver", measured: delivery === undefined ? "not measured" : `${delivery.toFixed(0)} events/s`, pass: delivery === undefined ? null : delivery >= 1_000 });
  const hookCost = r.webhooks?.costPercent;
  targets.push({ name: "one subscribed webhook costs < 15% of create throughput", measured: hookCost === undefined ? "not measured" : `${hookCost.toFixed(1)}%`, pass: hookCost === undefined ? null : hookCost < 15 });
  targets.push({ name: "0 errors", measured: String(errors), pass: errors === 0 });
  return targets;
}

/** Issue #17's goals. */
export const GOALS = {
  /** Roster's requests/s as a share of the bare baseline's, every phase, on SQLite. */
  baselineShare: 0.6,
  /** Worst p99 of a phase's operations, on SQLite. */
  p99Ms: 25,
  /** PostgreSQL's requests/s as a share of SQLite's, every phase. */
  postgresShare: 0.8,
  /** Server CPU per request, every phase. */
  cpuMs: { sqlite: 0.35, postgresql: 0.5 },
  /** Peak RSS of `npm start` over the whole run. */
  rssMb: 200,
};

const DB = { sqlite: "SQLite", postgresql: "PostgreSQL" } as const;
const rate = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });

export function evaluateGoals(runs: Pick<BenchReport, "database" | "entraPhases" | "resources">[]): Target[] {
  const goals: Target[] = [];
  const sqlite = runs.find((r) => r.database === "sqlite");
  const postgres = runs.find((r) => r.database === "postgresql");
  if (sqlite) {
    for (const row of sqlite.entraPhases?.rows ?? []) {
      const name = `SQLite ${row.phase}: ≥ ${GOALS.baselineShare} × baseline, p99 < ${GOALS.p99Ms} ms`;
      const { roster, baseline } = row;
      if (!roster || !baseline) {
        goals.push({ name, measured: roster ? "no baseline (--skip-baseline)" : "not measured", pass: null });
        continue;
      }
      const share = roster.perSecond / baseline.perSecond;
      goals.push({ name, measured: `${rate(roster.perSecond)} vs ${rate(baseline.perSecond)} req/s (×${share.toFixed(2)}); p99 ${roster.p99.toFixed(1)} ms`, pass: share >= GOALS.baselineShare && roster.p99 < GOALS.p99Ms });
    }
    if (!sqlite.entraPhases) goals.push({ name: `SQLite phases ≥ ${GOALS.baselineShare} × baseline, p99 < ${GOALS.p99Ms} ms`, measured: "not measured (--skip-phases)", pass: null });
  }
  if (postgres) {
    const rows = postgres.entraPhases?.rows ?? [];
    const sqliteRows = sqlite?.entraPhases?.rows;
    if (!sqliteRows) goals.push({ name: `PostgreSQL ≥ ${GOALS.postgresShare} × SQLite, every phase`, measured: "needs both databases in one run (--both)", pass: null });
    else {
      for (const row of rows) {
        const pg = row.roster;
        const lite = sqliteRows.find((r) => r.phase === row.phase)?.roster;
        const name = `PostgreSQL ${row.phase}: ≥ ${GOALS.postgresShare} × SQLite`;
        goals.push(pg && lite ? { name, measured: `${rate(pg.perSecond)} vs ${rate(lite.perSecond)} req/s (×${(pg.perSecond / lite.perSecond).toFixed(2)})`, pass: pg.perSecond / lite.perSecond >= GOALS.postgresShare } : { name, measured: "not measured", pass: null });
      }
    }
  }
  for (const r of runs) {
    const limit = GOALS.cpuMs[r.database];
    const measured = (r.entraPhases?.rows ?? []).filter((row) => row.roster?.cpuMsPerRequest !== undefined);
    const name = `${DB[r.database]} server CPU ≤ ${limit} ms per request, every phase`;
    if (!measured.length) goals.push({ name, measured: "not measured", pass: null });
    else {
      const worst = measured.reduce((m, row) => (row.roster!.cpuMsPerRequest! > m.roster!.cpuMsPerRequest! ? row : m));
      const all = measured.map((row) => `${row.phase} ${row.roster!.cpuMsPerRequest!.toFixed(2)}`).join(", ");
      goals.push({ name, measured: `worst ${worst.roster!.cpuMsPerRequest!.toFixed(2)} ms (${all})`, pass: worst.roster!.cpuMsPerRequest! <= limit });
    }
    const rss = r.resources.serverPeakRssMb;
    goals.push({ name: `${DB[r.database]} peak RSS of npm start < ${GOALS.rssMb} MB, whole run`, measured: `${rss.toFixed(0)} MB`, pass: rss > 0 ? rss < GOALS.rssMb : null });
    const errors = (r.entraPhases?.rows ?? []).reduce((n, row) => n + (row.roster?.errors ?? 0) + (row.baseline?.errors ?? 0), 0);
    if (r.entraPhases) goals.push({ name: `${DB[r.database]} phases: 0 errors (Roster and baseline)`, measured: String(errors), pass: errors === 0 });
  }
  return goals;
}
