// `npm run bench`: drives the production build over HTTP with Entra-shaped load on a fresh database and
// prints a table per operation (count, requests/s, p50/p95/p99 latency, errors), the server's peak RSS,
// the database size, Roster's create throughput against a bare node:http + INSERT baseline, and the
// cost of the activity log; then issue #17's five phases, Roster beside the bare baseline server
// answering the same requests, on one database or both (--both), and the goal table. Not part
// of the tests: it reports, it does not pass or fail.
// Flags: see scripts/bench/options.ts (`npm run bench -- --help`).
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { startBaseline } from "./bench/baseline";
import { bulkInsertUsers } from "./bench/bulk-insert";
import { createBenchDatabase, createDirectory, type BenchDatabase, type BenchDbKind } from "./bench/database";
import { entraAddMembers, nthGroup } from "../lib/scim/test-support/fixtures";
import { HttpClient } from "./bench/http-client";
import type { Phase } from "./bench/latency";
import { log } from "./bench/log";
import { parseOptions, workloadFor, type BenchOptions } from "./bench/options";
import { entraPhaseRows, runEntraPhases, type PhaseTarget } from "./bench/scenarios/entra-phases";
import { formatGoals, formatReport, type BenchReport, type PhaseReport } from "./bench/report";
import { RssMonitor, type RssPeak } from "./bench/rss-monitor";
import { RunContext } from "./bench/run-context";
import { ScimClient, parseJson } from "./bench/scim-client";
import { ensureBuild, startRoster, type RunningServer } from "./bench/server";
import { runAdminPage } from "./bench/scenarios/admin-page";
import { runCreatesInterleaved, runFloor, runLookupsOf, warmUp } from "./bench/scenarios/create-run";
import { runFeedRead, type FeedReadResult } from "./bench/scenarios/feed-read";
import { runBigGroupAdd } from "./bench/scenarios/group-add";
import { LOCAL_WEBHOOKS, runWebhookDelivery, subscribeWebhook, type WebhookDeliveryResult } from "./bench/scenarios/webhook-delivery";
import { startWebhookReceiver } from "../tests/support/webhook-receiver";
import { runIncrementalCycle } from "./bench/scenarios/incremental-cycle";
import { runInitialCycle } from "./bench/scenarios/initial-cycle";
import { runGroupSizeComparison, runListReads, runLookupsSideBySide } from "./bench/scenarios/reads";
import { evaluateGoals, evaluateTargets } from "./bench/targets";

const MB = 1024 * 1024;
const n = (x: number) => x.toLocaleString("en-US");

/** Everything to undo on exit, newest first: servers to stop, databases to drop. */
const cleanups: (() => Promise<unknown>)[] = [];

async function cleanUp() {
  while (cleanups.length) await cleanups.pop()!().catch((e: Error) => log(`clean-up: ${e.message}`));
}

function track<T>(undo: () => Promise<unknown>, value: T): T {
  cleanups.push(undo);
  return value;
}

async function untrack(undo: () => Promise<unknown>) {
  const i = cleanups.indexOf(undo);
  if (i >= 0) cleanups.splice(i, 1);
  await undo();
}

interface ServerRun {
  db: BenchDatabase;
  server: RunningServer;
  /** The server's RSS once it answered its readiness check, before any load (bytes). */
  readyBytes: number;
  rss: RssMonitor;
  http: HttpClient;
  /** Stops the server and drops its database (kept until the end of the run with keepDatabase). */
  stop(options?: { keepDatabase?: boolean }): Promise<{ peak: RssPeak; databaseBytes: number }>;
}

async function startServerRun(
  kind: BenchDbKind,
  label: string,
  logDir: string,
  options: BenchOptions,
  env: Record<string, string> = {},
  names = ["", " creates"],
): Promise<ServerRun & { directories: ScimClient[] }> {
  const db = await createBenchDatabase(kind, label);
  const dropDb = () => db.drop();
  track(dropDb, db);
  log(`${label}: fresh ${kind} database; creating directories with the CLI`);
  const credentials = names.map((name) => createDirectory(db.url, `Bench ${label}${name}`));
  const logFile = join(logDir, `roster-${label}-${kind}.log`);
  const server = await startRoster({ databaseUrl: db.url, logFile, env, cpuProfileDir: options.cpuProfileDir });
  const stopServer = () => server.stop();
  track(stopServer, server);
  log(`${label}: Roster (npm start) on ${server.origin}, pid ${server.pid}, log ${logFile}`);
  const rss = new RssMonitor(server.pid);
  rss.start();
  const readyBytes = rss.current();
  const http = new HttpClient(server.origin, options.concurrency + 2);
  const directories = credentials.map((c) => new ScimClient(http, c));
  for (const d of directories) await d.signIn();
  return {
    db,
    server,
    readyBytes,
    rss,
    http,
    directories,
    async stop({ keepDatabase = false } = {}) {
      const databaseBytes = await db.size();
      const peak = rss.stop();
      http.close();
      await untrack(stopServer);
      if (!keepDatabase) await untrack(dropDb);
      return { peak, databaseBytes };
    },
  };
}

function report(phase: Phase): PhaseReport {
  const serverCpuMsPerRequest = phase.serverCpuMs !== undefined && phase.requests ? phase.serverCpuMs / phase.requests : undefined;
  return { name: phase.name, seconds: phase.seconds, note: phase.note, serverCpuMsPerRequest, serverPeakRssMb: phase.serverPeakRssMb, operations: phase.summaries() };
}

/** One database's whole run: its report (phases, resources, targets, and issue #17's goals for it alone). */
async function benchOne(kind: BenchDbKind, options: BenchOptions, logDir: string): Promise<BenchReport> {
  const work = workloadFor(options);
  const started = performance.now();
  const run = new RunContext(options, work, kind);
  const scaleLabel = n(options.scaleUsers);
  const withPhases = !options.skipPhases && !options.createsOnly;
  const only = options.phasesOnly;
  log(
    only
      ? `${kind}: issue #17's phases only, ${n(options.phaseUsers)} users, concurrency ${options.concurrency}`
      : `${kind}: ${n(options.users)} users, ${options.groups} groups, concurrency ${options.concurrency}, ${scaleLabel} users at scale${options.quick ? " (quick)" : ""}`,
  );

  // ----- The main run, and beside it a server with the activity log off (ROSTER_ACTIVITY_LOG=off). -----
  const main = await startServerRun(kind, "main", logDir, options, {}, only ? [" phases"] : ["", " creates", " small", ...(withPhases ? [" phases"] : [])]);
  const off = only || options.skipLogOff ? undefined : await startServerRun(kind, "log-off", logDir, options, { ROSTER_ACTIVITY_LOG: "off" });
  // And one with the events feed's writes off (ROSTER_EVENT_FEED=off, a bench-only switch).
  const feedOff = only || options.skipEventsOff ? undefined : await startServerRun(kind, "events-off", logDir, options, { ROSTER_EVENT_FEED: "off" });
  // And one without the sync-health bookkeeping (ROSTER_SYNC_HEALTH=off, a bench-only switch).
  const healthOff = only || options.skipHealthOff ? undefined : await startServerRun(kind, "health-off", logDir, options, { ROSTER_SYNC_HEALTH: "off" });
  // And one with a webhook endpoint subscribed to every event, delivering to a receiver on this machine.
  const hooked = only || options.skipWebhooks ? undefined : await startServerRun(kind, "webhook", logDir, options, LOCAL_WEBHOOKS);
  const receiver = hooked ? await startWebhookReceiver({ record: false }) : undefined;
  if (hooked && receiver) {
    track(() => receiver.close(), receiver);
    subscribeWebhook(hooked.db.url, receiver.url);
  }
  // The bare node:http baseline, beside Roster for the creates and the five phases.
  const baseline = options.skipBaseline || options.createsOnly ? undefined : await startBaseline(kind, logDir, options.concurrency, work.warmup);
  const stopBaseline = async () => void (await baseline?.stop());
  if (baseline) track(stopBaseline, baseline);
  const [directory, createsDirectory, smallDirectory, phasesDirectory] = only ? [undefined, undefined, undefined, main.directories[0]] : main.directories;

  const sides: { name: string; client: ScimClient; prefix: string; cpu: () => number }[] = [];
  if (createsDirectory) {
    await warmUp(createsDirectory, work.warmup, options.concurrency);
    sides.push({ name: "creates (activity log on)", client: createsDirectory, prefix: "logon", cpu: () => main.rss.cpuMs() });
  }
  for (const [server, name, prefix] of [
    [off, "creates (activity log off)", "logoff"],
    [feedOff, "creates (events feed off)", "feedoff"],
    [healthOff, "creates (sync health off)", "healthoff"],
    [hooked, "creates (one webhook subscribed)", "hooked"],
  ] as const) {
    if (!server) continue;
    await warmUp(server.directories[1], work.warmup, options.concurrency);
    sides.push({ name, client: server.directories[1], prefix, cpu: () => server.rss.cpuMs() });
  }
  if (baseline && sides.length) sides.push({ name: "baseline: bare node:http + one INSERT", client: baseline.client, prefix: "baseline", cpu: () => baseline.rss.cpuMs() });
  const createPhases = sides.length ? await runCreatesInterleaved(run, sides, work.createRun) : [];
  const createPhase = (name: string) => createPhases.find((p) => p.name === name);
  const logOn = createPhase("creates (activity log on)");
  const logOff = createPhase("creates (activity log off)");
  const eventsOff = createPhase("creates (events feed off)");
  const noHealth = createPhase("creates (sync health off)");
  const withWebhook = createPhase("creates (one webhook subscribed)");
  const baselineCreates = createPhase("baseline: bare node:http + one INSERT");
  if (feedOff) await feedOff.stop();
  if (healthOff) await healthOff.stop();
  if (hooked && receiver) {
    await hooked.stop();
    log(`webhook run: the receiver had ${receiver.count} deliveries when its server stopped`);
    await receiver.close();
  }
  if (off) {
    run.serverCpu = () => off.rss.cpuMs();
    await runLookupsOf(run, off.directories[1], "lookup by userName (activity log off)", "logoff", work.lookupsPerKind, work.createRun);
    await runFloor(run, off.directories[1], work.lookupsPerKind);
    await off.stop();
  }

  // ----- Issue #17's five phases: Roster and the baseline in alternating rounds. -----
  let baselinePeakRssMb: number | undefined;
  if (phasesDirectory) {
    if (only) await warmUp(phasesDirectory, work.warmup, options.concurrency);
    const targets: PhaseTarget[] = [{ label: "roster", client: phasesDirectory, cpu: () => main.rss.cpuMs(), peakRss: () => main.rss.peak.serverBytes }];
    if (baseline) targets.push({ label: "baseline", client: baseline.client, cpu: () => baseline.rss.cpuMs(), peakRss: () => baseline.rss.peak.serverBytes });
    await runEntraPhases(run, targets, options.phaseUsers, Math.min(work.warmup, options.phaseUsers));
  }
  if (baseline) {
    baselinePeakRssMb = baseline.rss.peak.serverBytes / MB;
    await untrack(stopBaseline);
  }

  run.serverCpu = () => main.rss.cpuMs();
  run.serverPeakRss = () => main.rss.peak.serverBytes;
  let adminStatus = options.createsOnly ? "skipped (--creates-only)" : only ? "skipped (--phases-only)" : "skipped (--skip-admin)";
  if (directory && smallDirectory) {
    // The small directory, for lookups at 1,000 users beside the large one at the end.
    log(`bulk-inserting ${n(work.seedUsers)} users into a second directory`);
    const small = await bulkInsertUsers({ db: main.db, directoryId: smallDirectory.directoryId, prefix: "small", from: 0, count: work.seedUsers });

    const initial = await runInitialCycle(run, directory, "entra");
    await runIncrementalCycle(run, directory, initial);

    const total = parseJson<{ totalResults: number }>(await directory.call("GET", "/Users?count=0"))?.totalResults ?? 0;
    const extra = Math.max(0, options.scaleUsers - total);
    log(`bulk-inserting ${n(extra)} users (directory: ${n(total)} → ${scaleLabel})`);
    const insertStarted = performance.now();
    const bulk = await bulkInsertUsers({ db: main.db, directoryId: directory.directoryId, prefix: "bulk", from: 0, count: extra });
    log(`bulk insert took ${((performance.now() - insertStarted) / 1000).toFixed(1)} s`);
    await runLookupsSideBySide(run, [
      { label: n(work.seedUsers), client: smallDirectory, users: small },
      { label: scaleLabel, client: directory, users: bulk },
    ]);
    await runListReads(run, directory, options.scaleUsers);
    await runBigGroupAdd(run, directory, bulk.map((u) => u.id));

    const smallGroup = parseJson<{ id: string }>(await directory.call("POST", "/Groups", undefined, { ...nthGroup(2_000_000), displayName: "Bench small group" }))?.id;
    const outsiders = bulk.slice(10).map((u) => u.id);
    if (smallGroup && initial.bigGroupId && bulk.length > 10) {
      await directory.call("PATCH", `/Groups/${smallGroup}`, undefined, entraAddMembers(bulk.slice(0, 10).map((u) => u.id)));
      await runGroupSizeComparison(run, directory, { bigGroupId: initial.bigGroupId, bigSize: work.bigGroupMembers, smallGroupId: smallGroup, outsiders });
    } else {
      log("group size comparison skipped: the groups or the outside users are missing");
    }

    if (!options.skipAdmin && run.timeLeft) {
      const outcome = await runAdminPage(run, main.http, directory.directoryId, options.scaleUsers).catch((e: Error) => ({ ok: false as const, reason: e.message }));
      adminStatus = outcome.ok ? "measured" : `n/a (${outcome.reason})`;
      log(`admin users page: ${adminStatus}`);
    }
  }
  run.serverCpu = undefined;
  run.serverPeakRss = undefined;
  const fullRun = !options.createsOnly && !only;
  const feedRead: FeedReadResult | undefined = run.timeLeft && fullRun ? await runFeedRead(main.db.url) : undefined;
  const mainEnd = await main.stop({ keepDatabase: true });
  // With the server stopped, so that only this process delivers to the endpoint it makes.
  const delivery: WebhookDeliveryResult | undefined = !options.skipWebhooks && fullRun && run.timeLeft ? await runWebhookDelivery(main.db.url) : undefined;
  log(`main run done: peak RSS ${(mainEnd.peak.serverBytes / MB).toFixed(0)} MB, database ${(mainEnd.databaseBytes / MB).toFixed(1)} MB`);

  const creates = (p: Phase | undefined) => p?.summaries().find((o) => o.operation === "POST /Users");
  const on = creates(logOn);
  const offOp = creates(logOff);
  const eventsOffOp = creates(eventsOff);
  const base = creates(baselineCreates);
  const hookedOp = creates(withWebhook);
  const healthOffOp = creates(noHealth);
  const phases = run.phases.map(report);
  const partial: Omit<BenchReport, "targets" | "goals"> = {
    database: kind,
    title: only
      ? `Roster bench: ${kind === "sqlite" ? "SQLite" : "PostgreSQL"}, issue #17's phases only, ${n(options.phaseUsers)} users, concurrency ${options.concurrency}`
      : `Roster bench: ${kind === "sqlite" ? "SQLite" : "PostgreSQL"}, ${n(options.users)} users, ${options.groups} groups, concurrency ${options.concurrency}, ${scaleLabel} users at scale${options.quick ? " (--quick)" : ""}`,
    environment: `node ${process.version}, ${cpus().length} CPUs, ${new Date().toISOString()}; load driver and server share the machine; server logs in ${logDir}`,
    phases,
    skipped: run.skipped,
    resources: {
      serverPeakRssMb: mainEnd.peak.serverBytes / MB,
      serverReadyRssMb: main.readyBytes / MB,
      treePeakRssMb: mainEnd.peak.treeBytes / MB,
      databaseMb: mainEnd.databaseBytes / MB,
      databaseLabel: kind === "sqlite" ? "SQLite file + WAL" : "pg_database_size",
    },
    baseline: on && base ? { rosterCreatesPerSecond: on.perSecond, baselineCreatesPerSecond: base.perSecond, ratio: on.perSecond / base.perSecond } : undefined,
    logging:
      on && offOp
        ? {
            onPerSecond: on.perSecond,
            offPerSecond: offOp.perSecond,
            costPercent: (1 - on.perSecond / offOp.perSecond) * 100,
            onP99: on.p99,
            offP99: offOp.p99,
            onCpuMs: logOn && report(logOn).serverCpuMsPerRequest,
            offCpuMs: logOff && report(logOff).serverCpuMsPerRequest,
          }
        : undefined,
    events: {
      ...(on && eventsOffOp ? { onPerSecond: on.perSecond, offPerSecond: eventsOffOp.perSecond, costPercent: (1 - on.perSecond / eventsOffOp.perSecond) * 100 } : {}),
      ...(feedRead ? { feedEvents: feedRead.events, feedEventsPerSecond: feedRead.perSecond } : {}),
    },
    syncHealth:
      on && healthOffOp
        ? {
            onPerSecond: on.perSecond,
            offPerSecond: healthOffOp.perSecond,
            costPercent: (1 - on.perSecond / healthOffOp.perSecond) * 100,
            onCpuMs: logOn && report(logOn).serverCpuMsPerRequest,
            offCpuMs: noHealth && report(noHealth).serverCpuMsPerRequest,
          }
        : undefined,
    webhooks: {
      ...(on && hookedOp ? { onPerSecond: on.perSecond, hookedPerSecond: hookedOp.perSecond, costPercent: (1 - hookedOp.perSecond / on.perSecond) * 100 } : {}),
      ...(delivery ? { deliveredEvents: delivery.events, deliveryEventsPerSecond: delivery.perSecond } : {}),
    },
    admin: { status: adminStatus },
    durationSeconds: (performance.now() - started) / 1000,
  };
  const withEntraPhases = { ...partial, entraPhases: phasesDirectory ? { users: options.phaseUsers, concurrency: options.concurrency, rows: entraPhaseRows(phases), baselinePeakRssMb } : undefined };
  return { ...withEntraPhases, targets: evaluateTargets(withEntraPhases, options.concurrency, scaleLabel), goals: evaluateGoals([withEntraPhases]) };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const kinds: BenchDbKind[] = options.both ? ["sqlite", "postgresql"] : [options.postgres ? "postgresql" : "sqlite"];
  const logDir = mkdtempSync(join(tmpdir(), "roster-bench-logs-"));
  ensureBuild();
  const reports: BenchReport[] = [];
  for (const kind of kinds) {
    const result = await benchOne(kind, options, logDir);
    reports.push(result);
    console.log(`${formatReport(result)}\n`);
  }
  const goals = reports.length > 1 ? evaluateGoals(reports) : reports[0].goals;
  console.log(formatGoals(reports, goals));
  const json = reports.length > 1 ? { runs: reports, goals } : reports[0];
  if (options.json === true) console.log(`\n${JSON.stringify(json, null, 2)}`);
  else if (typeof options.json === "string") {
    writeFileSync(options.json, JSON.stringify(json, null, 2));
    log(`JSON written to ${options.json}`);
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping servers and dropping databases`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main()
  .catch(async (e: Error) => {
    console.error(`[bench] failed: ${e.stack ?? e.message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
  });
