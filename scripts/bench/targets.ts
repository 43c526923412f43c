// The targets, checked against one run's results.
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

export function evaluateTargets(r: Omit<BenchReport, "targets">, concurrency: number, scaleLabel: string): Target[] {
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
