// `npm run bench`: drives the production build over HTTP with Entra-shaped load on a fresh database and
// prints a table per operation (count, requests/s, p50/p95/p99 latency, errors), the server's peak RSS,
// the database size, Roster's create throughput against a bare node:http + INSERT baseline, and the
// cost of the activity log. Not part of the tests: it reports, it does not pass or fail.
// Flags: see scripts/bench/options.ts (`npm run bench -- --help`).
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { runBaseline } from "./bench/baseline";
import { bulkInsertUsers } from "./bench/bulk-insert";
import { createBenchDatabase, createDirectory, type BenchDatabase, type BenchDbKind } from "./bench/database";
import { entraAddMembers, nthGroup } from "../lib/scim/test-support/fixtures";
import { HttpClient } from "./bench/http-client";
import type { Phase } from "./bench/latency";
import { log } from "./bench/log";
import { parseOptions, workloadFor, type BenchOptions } from "./bench/options";
import { formatReport, type BenchReport, type PhaseReport } from "./bench/report";
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
import { evaluateTargets } from "./bench/targets";

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
  const http = new HttpClient(server.origin, options.concurrency + 2);
  const directories = credentials.map((c) => new ScimClient(http, c));
  for (const d of directories) await d.signIn();
  return {
    db,
    server,
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

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const work = workloadFor(options);
  const kind: BenchDbKind = options.postgres ? "postgresql" : "sqlite";
  const started = performance.now();
  const logDir = mkdtempSync(join(tmpdir(), "roster-bench-logs-"));
  const run = new RunContext(options, work, kind);
  const scaleLabel = n(options.scaleUsers);
  log(`${kind}: ${n(options.users)} users, ${options.groups} groups, concurrency ${options.concurrency}, ${scaleLabel} users at scale${options.quick ? " (quick)" : ""}`);
  ensureBuild();

  // ----- The main run, and beside it a server with the activity log off (ROSTER_ACTIVITY_LOG=off). -----
  const main = await startServerRun(kind, "main", logDir, options, {}, ["", " creates", " small"]);
  const off = options.skipLogOff ? undefined : await startServerRun(kind, "log-off", logDir, options, { ROSTER_ACTIVITY_LOG: "off" });
  // And one with the events feed's writes off (ROSTER_EVENT_FEED=off, a bench-only switch).
  const feedOff = options.skipEventsOff ? undefined : await startServerRun(kind, "events-off", logDir, options, { ROSTER_EVENT_FEED: "off" });
  // And one without the sync-health bookkeeping (ROSTER_SYNC_HEALTH=off, a bench-only switch).
  const healthOff = options.skipHealthOff ? undefined : await startServerRun(kind, "health-off", logDir, options, { ROSTER_SYNC_HEALTH: "off" });
  // And one with a webhook endpoint subscribed to every event, delivering to a receiver on this machine.
  const hooked = options.skipWebhooks ? undefined : await startServerRun(kind, "webhook", logDir, options, LOCAL_WEBHOOKS);
  const receiver = hooked ? await startWebhookReceiver({ record: false }) : undefined;
  if (hooked && receiver) {
    track(() => receiver.close(), receiver);
    subscribeWebhook(hooked.db.url, receiver.url);
  }
  const [directory, createsDirectory, smallDirectory] = main.directories;
  await warmUp(createsDirectory, work.warmup, options.concurrency);
  if (off) await warmUp(off.directories[1], work.warmup, options.concurrency);
  if (feedOff) await warmUp(feedOff.directories[1], work.warmup, options.concurrency);
  if (healthOff) await warmUp(healthOff.directories[1], work.warmup, options.concurrency);
  if (hooked) await warmUp(hooked.directories[1], work.warmup, options.concurrency);
  const sides = [
    { name: "creates (activity log on)", client: createsDirectory, prefix: "logon", cpu: () => main.rss.cpuMs() },
    ...(off ? [{ name: "creates (activity log off)", client: off.directories[1], prefix: "logoff", cpu: () => off.rss.cpuMs() }] : []),
    ...(feedOff ? [{ name: "creates (events feed off)", client: feedOff.directories[1], prefix: "feedoff", cpu: () => feedOff.rss.cpuMs() }] : []),
    ...(healthOff ? [{ name: "creates (sync health off)", client: healthOff.directories[1], prefix: "healthoff", cpu: () => healthOff.rss.cpuMs() }] : []),
    ...(hooked ? [{ name: "creates (one webhook subscribed)", client: hooked.directories[1], prefix: "hooked", cpu: () => hooked.rss.cpuMs() }] : []),
  ];
  const createPhases = await runCreatesInterleaved(run, sides, work.createRun);
  const logOn = createPhases[0];
  const logOff = off ? createPhases[1] : undefined;
  const eventsOff = feedOff ? createPhases[1 + (off ? 1 : 0)] : undefined;
  const noHealth = healthOff ? createPhases[1 + (off ? 1 : 0) + (feedOff ? 1 : 0)] : undefined;
  const withWebhook = hooked ? createPhases[sides.length - 1] : undefined;
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
  run.serverCpu = () => main.rss.cpuMs();
  run.serverPeakRss = () => main.rss.peak.serverBytes;

  let adminStatus = options.createsOnly ? "skipped (--creates-only)" : "skipped (--skip-admin)";
  if (!options.createsOnly) {
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
  const feedRead: FeedReadResult | undefined = run.timeLeft && !options.createsOnly ? await runFeedRead(main.db.url) : undefined;
  const mainEnd = await main.stop({ keepDatabase: true });
  // With the server stopped, so that only this process delivers to the endpoint it makes.
  const delivery: WebhookDeliveryResult | undefined = !options.skipWebhooks && !options.createsOnly && run.timeLeft ? await runWebhookDelivery(main.db.url) : undefined;
  log(`main run done: peak RSS ${(mainEnd.peak.serverBytes / MB).toFixed(0)} MB, database ${(mainEnd.databaseBytes / MB).toFixed(1)} MB`);

  // ----- The baseline server. -----
  const baseline = !options.skipBaseline && !options.createsOnly && run.timeLeft ? await runBaseline(run, kind, logDir) : undefined;

  const creates = (p: Phase | undefined) => p?.summaries().find((o) => o.operation === "POST /Users");
  const on = creates(logOn);
  const offOp = creates(logOff);
  const eventsOffOp = creates(eventsOff);
  const base = creates(baseline);
  const hookedOp = creates(withWebhook);
  const healthOffOp = creates(noHealth);
  const partial: Omit<BenchReport, "targets"> = {
    title: `Roster bench: ${kind === "sqlite" ? "SQLite" : "PostgreSQL"}, ${n(options.users)} users, ${options.groups} groups, concurrency ${options.concurrency}, ${scaleLabel} users at scale${options.quick ? " (--quick)" : ""}`,
    environment: `node ${process.version}, ${cpus().length} CPUs, ${new Date().toISOString()}; load driver and server share the machine; server logs in ${logDir}`,
    phases: run.phases.map(report),
    skipped: run.skipped,
    resources: {
      serverPeakRssMb: mainEnd.peak.serverBytes / MB,
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
  const result: BenchReport = { ...partial, targets: evaluateTargets(partial, options.concurrency, scaleLabel) };
  console.log(formatReport(result));
  if (options.json === true) console.log(`\n${JSON.stringify(result, null, 2)}`);
  else if (typeof options.json === "string") {
    writeFileSync(options.json, JSON.stringify(result, null, 2));
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
