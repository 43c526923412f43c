// Runs the baseline server on its own fresh database and drives it with the same load driver and the
// same POST bodies as Roster's create run.
import { join } from "node:path";
import { createBenchDatabase, type BenchDbKind } from "./database";
import { entraMappedUser, nthUser } from "../../lib/scim/test-support/fixtures";
import { HttpClient } from "./http-client";
import { runPool } from "./load-pool";
import { RssMonitor } from "./rss-monitor";
import { log } from "./log";
import type { RunContext } from "./run-context";
import { ScimClient } from "./scim-client";
import { freePort, spawnServer } from "./server";
import { runCreates } from "./scenarios/create-run";

export async function runBaseline(run: RunContext, kind: BenchDbKind, logDir: string) {
  const db = await createBenchDatabase(kind, "baseline");
  const port = await freePort();
  const server = await spawnServer({
    command: process.execPath,
    args: ["--import", "tsx", "scripts/bench/baseline-server.ts"],
    env: { BASELINE_DB: db.url, PORT: String(port) },
    logFile: join(logDir, `baseline-${kind}.log`),
    readyPath: "/health",
    port,
  });
  const http = new HttpClient(server.origin, run.options.concurrency);
  const monitor = new RssMonitor(server.pid, /baseline-server/);
  try {
    log(`baseline server (bare node:http + ${kind === "sqlite" ? "better-sqlite3" : "pg"}) on ${server.origin}`);
    const client = new ScimClient(http, { directoryId: "baseline", clientId: "", clientSecret: "" });
    await runPool({
      concurrency: run.options.concurrency,
      count: run.work.warmup,
      budgetMs: 60_000,
      task: async (i) => void (await client.call("POST", "/Users", undefined, entraMappedUser(nthUser("bwarm", i), i))),
    });
    run.serverCpu = () => monitor.cpuMs();
    return await runCreates(run, client, "baseline: bare node:http + one INSERT", "baseline", run.work.createRun);
  } finally {
    run.serverCpu = undefined;
    http.close();
    await server.stop();
    await db.drop();
  }
}
