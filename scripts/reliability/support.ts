// Shared by the process-level reliability scripts: fresh databases, production servers (`next start`
// of the existing build, in a process group of their own so a kill reaches next-server too), API
// credentials, a small SCIM client, and a check list that ends the script with exit status 1 when
// anything failed. Everything stays on 127.0.0.1.
import { cliActor } from "../../lib/audit/actor";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { setDbForTests, type DbKind } from "../../lib/db/client";
import { createApiClient } from "../../lib/admin/api-clients/create-api-client";
import { createDirectory } from "../../lib/admin/directories/create-directory";
import { createFreshDatabase, type FreshDatabase } from "../../tests/support/fresh-database";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------- checks ----------

const failures: string[] = [];

/** Records a check; a failed one is printed at once and makes the script exit 1 at the end. */
export function check(ok: boolean, what: string, detail?: unknown) {
  if (ok) console.log(`  ok   ${what}`);
  else {
    const text = detail === undefined ? what : `${what}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`;
    failures.push(text);
    console.log(`  FAIL ${text}`);
  }
}

export function section(title: string) {
  console.log(`\n=== ${title} ===`);
}

/** Runs the script body, always runs the cleanups, and exits 0 only when every check passed. */
export async function runScript(name: string, body: (cleanup: (fn: () => Promise<unknown> | unknown) => void) => Promise<void>) {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const started = Date.now();
  let crashed: unknown;
  try {
    if (!existsSync(".next/BUILD_ID")) throw new Error("no production build (.next/BUILD_ID): run `npx next build` first");
    await body((fn) => cleanups.unshift(fn));
  } catch (e) {
    crashed = e;
  } finally {
    for (const fn of cleanups) {
      try {
        await fn();
      } catch (e) {
        console.error(`[${name}] cleanup failed:`, (e as Error).message);
      }
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (crashed) {
    console.error(`\n[${name}] crashed after ${seconds} s:`, crashed instanceof Error ? crashed.stack : crashed);
    process.exit(1);
  }
  if (failures.length) {
    console.error(`\n[${name}] ${failures.length} check(s) failed after ${seconds} s:\n- ${failures.join("\n- ")}`);
    process.exit(1);
  }
  console.log(`\n[${name}] all checks passed in ${seconds} s`);
  process.exit(0);
}

// ---------- databases ----------

/** A client of the script's own (not the servers') is `db`, for checking what was stored. */
export type ScriptDatabase = FreshDatabase;

export function createDatabase(kind: DbKind, label: string): Promise<ScriptDatabase> {
  return createFreshDatabase(kind, label);
}

/** A directory with an API client, written with the script's own client. */
export async function createCredentials(database: ScriptDatabase, name: string) {
  setDbForTests(database.db);
  const directory = await createDirectory({ name, active: true, actor: cliActor() });
  const { apiClient, clientSecret } = await createApiClient({ directoryId: directory.id, actor: cliActor() });
  return { directoryId: directory.id, clientId: apiClient.clientId, clientSecret };
}

// ---------- servers ----------

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ProductionServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  alive(): boolean;
  /** SIGKILL to the whole process group: no shutdown, no flush, as a crash or an OOM kill. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
  /** Wait until /api/health answers 200 (default), or only until the port answers at all. */
  waitFor?: "healthy" | "listening";
  /**
   * "roster" (default): `npm start`'s server (scripts/start.ts: API routes served by Node's http server,
   * the rest by Next); "next": plain `next start`, where the Next.js route files answer the API too,
   * as under Vercel.
   */
  server?: "roster" | "next";
}

/** A production server on the existing build, in its own process group. */
export async function startProductionServer(options: StartServerOptions): Promise<ProductionServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args =
    options.server === "next"
      ? ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"]
      : ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: options.databaseUrl, PORT: String(port), HOSTNAME: "127.0.0.1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: both servers run their real server as a child, and a kill must reach it.
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const server: ProductionServer = {
    url,
    port,
    child,
    output: () => out,
    alive: () => !exited,
    async kill9() {
      signalGroup("SIGKILL");
      await exit;
      // The group may outlive its leader for a moment: wait until the port is free again.
      for (let i = 0; i < 50 && (await answers(url)); i++) await sleep(100);
    },
    async stop() {
      if (exited) return;
      signalGroup("SIGTERM");
      const timeout = sleep(10_000).then(() => signalGroup("SIGKILL"));
      await Promise.race([exit, timeout]);
      await exit;
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`the server exited before serving:\n${out}`);
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`the server did not become ready on ${url}:\n${out}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (options.waitFor === "listening" || res.status === 200) return server;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

// ---------- HTTP ----------

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- scripts read arbitrary JSON
  body: any;
}

export async function request(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(60_000) });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

export async function getToken(baseUrl: string, clientId: string, clientSecret: string): Promise<Reply> {
  return request(`${baseUrl}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  });
}

export function scimClient(baseUrl: string | (() => string), token: () => string) {
  return (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    request(`${typeof baseUrl === "string" ? baseUrl : baseUrl()}/api/scim/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token()}`, ...(body === undefined ? {} : { "content-type": "application/scim+json" }), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
}

/** Runs `tasks` with at most `concurrency` in flight; results in task order. */
export async function pool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

export function tally(statuses: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}
