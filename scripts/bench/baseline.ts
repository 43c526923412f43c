// Starts the baseline server (scripts/bench/baseline-server.ts) on its own fresh database, signed in
// and warmed up like Roster's servers: the bench then drives it with the same load driver and the same
// requests as Roster (the creates, and the five phases of scenarios/entra-phases.ts).
import { join } from "node:path";
import { createBenchDatabase, type BenchDbKind } from "./database";
import { HttpClient } from "./http-client";
import { RssMonitor, type RssPeak } from "./rss-monitor";
import { log } from "./log";
import { ScimClient } from "./scim-client";
import { freePort, spawnServer } from "./server";
import { warmUp } from "./scenarios/create-run";

export interface BaselineRun {
  client: ScimClient;
  rss: RssMonitor;
  stop(): Promise<RssPeak>;
}

export async function startBaseline(kind: BenchDbKind, logDir: string, concurrency: number, warmup: number): Promise<BaselineRun> {
  const db = await createBenchDatabase(kind, "baseline");
  const port = await freePort();
  const server = await spawnServer({
    command: process.execPath,
    args: ["--import", "tsx", "scripts/bench/baseline-server.ts"],
    env: { BASELINE_DB: db.url, PORT: String(port) },
    logFile: join(logDir, `baseline-${kind}.log`),
    readyPath: "/health",
    port,
  }).catch(async (e: Error) => {
    await db.drop();
    throw e;
  });
  const http = new HttpClient(server.origin, concurrency + 2);
  const rss = new RssMonitor(server.pid, /baseline-server/);
  rss.start();
  log(`baseline server (bare node:http + ${kind === "sqlite" ? "better-sqlite3" : "pg"}) on ${server.origin}, pid ${server.pid}`);
  const client = new ScimClient(http, { directoryId: "baseline", clientId: "baseline", clientSecret: "baseline" });
  const stop = async () => {
    const peak = rss.stop();
    http.close();
    await server.stop();
    await db.drop();
    return peak;
  };
  try {
    await client.signIn();
    await warmUp(client, warmup, concurrency);
  } catch (e) {
    await stop();
    throw e;
  }
  return { client, rss, stop };
}
