// The production server under test: built once if there is no build, started the way it is deployed
// (`tsx scripts/start.ts`: migrate, then serve) in its own process group, stopped by killing
// that group (as scripts/conformance.sh does).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, openSync, closeSync } from "node:fs";
import net from "node:net";
import { log } from "./log";

export interface RunningServer {
  pid: number;
  origin: string;
  logFile: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;

export function ensureBuild() {
  if (existsSync(".next/BUILD_ID")) return;
  log("no production build (.next/BUILD_ID): running next build");
  const build = spawnSync("npx", ["next", "build"], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface SpawnServerOptions {
  /** argv after the command, e.g. ["tsx", "scripts/start.ts"]. */
  command: string;
  args: string[];
  env: Record<string, string>;
  logFile: string;
  /** Path that answers 200 once the server is ready. */
  readyPath: string;
  port: number;
}

/** Starts a server in a new process group and waits until readyPath answers 200. */
export async function spawnServer({ command, args, env, logFile, readyPath, port }: SpawnServerOptions): Promise<RunningServer> {
  const fd = openSync(logFile, "a");
  const child: ChildProcess = spawn(command, args, { detached: true, stdio: ["ignore", fd, fd], env: { ...process.env, ...env } });
  closeSync(fd);
  const pid = child.pid!;
  let exited: string | undefined;
  child.on("exit", (code, signal) => (exited = `exited with ${code ?? signal}`));
  const origin = `http://127.0.0.1:${port}`;
  // The whole process group, not just the wrapper we spawned: `npx` exits on SIGTERM at once while
  // the server may still be shutting down, and must not be left running.
  const groupAlive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    if (!groupAlive()) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    for (let i = 0; i < 50 && groupAlive(); i++) await sleep(100);
    if (groupAlive()) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
      for (let i = 0; i < 20 && groupAlive(); i++) await sleep(100);
    }
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${command} ${args.join(" ")} ${exited} before it was ready; see ${logFile}`);
    try {
      const res = await fetch(`${origin}${readyPath}`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return { pid, origin, logFile, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`${command} ${args.join(" ")} was not ready within ${START_TIMEOUT_MS / 1000} s; see ${logFile}`);
}

export interface StartRosterOptions {
  databaseUrl: string;
  logFile: string;
  /** Extra environment, e.g. ROSTER_ACTIVITY_LOG=off. */
  env?: Record<string, string>;
  /** Run the server under `node --cpu-prof`, writing its profile here when it stops. */
  cpuProfileDir?: string;
}

export const BENCH_ADMIN = { email: "bench-owner@roster.test", password: "bench-password-not-secret-1" };

export async function startRoster({ databaseUrl, logFile, env = {}, cpuProfileDir }: StartRosterOptions): Promise<RunningServer> {
  const port = await freePort();
  return spawnServer({
    command: cpuProfileDir ? process.execPath : "npx",
    args: cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`, "--import", "tsx", "scripts/start.ts"] : ["tsx", "scripts/start.ts"],
    env: {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      ROSTER_BASE_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      // The per-directory request limit (default 60,000 a minute) would cap phases at 1,000 requests a
      // second; the bench measures what the server can do, so it is turned off here.
      ROSTER_SCIM_RATE_LIMIT: "0",
      ROSTER_ADMIN_EMAIL: BENCH_ADMIN.email,
      ROSTER_ADMIN_PASSWORD: BENCH_ADMIN.password,
      ...env,
    },
    logFile,
    readyPath: "/api/health",
    port,
  });
}

export function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
