// The database goes away under a running production server, and comes back.
//
// PostgreSQL: the cluster is stopped (pg_ctlcluster … stop -m fast, which also cuts every open
// connection) for a few seconds and ALWAYS started again in a finally block. While it is down, SCIM
// answers 503 with a SCIM error body and Retry-After, the token endpoint 503 with Retry-After, and
// /api/health 503; the server process stays up. Once it is back, the same server serves again,
// without a restart.
//
// SQLite: the database lives on a small tmpfs that is then filled up (a full disk, the classic way an
// embedded database stops taking writes). Writes answer 503 + Retry-After (not 500), reads keep
// working, nothing is half-written; once space is freed, writes succeed again without a restart.
//
//   npx tsx scripts/reliability/db-outage.ts     (root, for pg_ctlcluster and mount; a production build)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "../../lib/db/client";
import type { DatabaseConfig } from "../../lib/db/config";
import { migrate } from "../../lib/db/migrate";
import { checkDirectoryInvariants } from "../../tests/support/directory-invariants";
import {
  check,
  createCredentials,
  createDatabase,
  getToken,
  request,
  runScript,
  scimClient,
  section,
  sleep,
  startProductionServer,
  type Reply,
  type ScriptDatabase,
} from "./support";
import { SCHEMA_ERROR as ERROR, SCHEMA_USER as CORE } from "../../lib/scim/schema";


// The local cluster CI and these machines run (PG_CLUSTER="<version> <name>" for another).
const [PG_VERSION, PG_NAME] = (process.env.PG_CLUSTER ?? "15 main").split(" ");

function pgCluster(action: "stop" | "start") {
  const args = ["--skip-systemctl-redirect", PG_VERSION, PG_NAME, action];
  if (action === "stop") args.push("-m", "fast");
  execFileSync("pg_ctlcluster", args, { stdio: "inherit" });
}

async function pgAccepting(): Promise<boolean> {
  try {
    execFileSync("pg_isready", ["-h", "127.0.0.1", "-p", "5432", "-q"]);
    return true;
  } catch {
    return false;
  }
}

function isScim503(r: Reply) {
  return r.status === 503 && r.body?.schemas?.[0] === ERROR && r.body?.status === "503" && Number(r.headers.get("retry-after")) > 0;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

async function postgresOutage(cleanup: (fn: () => Promise<unknown> | unknown) => void) {
  section("PostgreSQL stopped under a running server, then started again");
  const database = await createDatabase("postgresql", "outage");
  cleanup(() => database.drop());
  const creds = await createCredentials(database, "Outage PG");
  const server = await startProductionServer({ databaseUrl: database.url });
  cleanup(() => server.stop());
  let token = (await getToken(server.url, creds.clientId, creds.clientSecret)).body.access_token as string;
  const scim = scimClient(server.url, () => token);
  check((await scim("GET", "/Users")).status === 200, "serving before the outage");
  await database.db.prisma.$disconnect();

  let down: { users: Reply; post: Reply; tokenReply: Reply; health: Reply; spc: Reply; ms: number } | undefined;
  try {
    pgCluster("stop");
    const { value, ms } = await timed(async () => {
      const [users, post, tokenReply, health, spc] = await Promise.all([
        scim("GET", "/Users"),
        scim("POST", "/Users", { schemas: [CORE], userName: "during-outage@x" }),
        getToken(server.url, creds.clientId, creds.clientSecret),
        request(`${server.url}/api/health`),
        request(`${server.url}/api/scim/v2/ServiceProviderConfig`),
      ]);
      return { users, post, tokenReply, health, spc };
    });
    down = { ...value, ms };
    // A second round on connections the pool has to re-establish.
    const again = await scim("GET", "/Groups");
    check(isScim503(again), "down: a later SCIM request is 503 too", again.status);
  } finally {
    pgCluster("start");
  }
  for (let i = 0; i < 60 && !(await pgAccepting()); i++) await sleep(500);
  if (down) {
    check(isScim503(down.users), "down: GET /Users → 503 SCIM error with Retry-After", { status: down.users.status, retryAfter: down.users.headers.get("retry-after"), body: down.users.text.slice(0, 200) });
    check(isScim503(down.post), "down: POST /Users → 503 SCIM error with Retry-After", down.post.status);
    check(
      down.tokenReply.status === 503 && down.tokenReply.body?.error === "temporarily_unavailable" && Number(down.tokenReply.headers.get("retry-after")) > 0,
      "down: token endpoint → 503 temporarily_unavailable with Retry-After",
      { status: down.tokenReply.status, body: down.tokenReply.text.slice(0, 200) },
    );
    check(down.health.status === 503 && down.health.body?.database?.reachable === false, "down: /api/health → 503, database unreachable", down.health.status);
    check(down.spc.status === 200, "down: /ServiceProviderConfig without a token still answers (no database needed)", down.spc.status);
    check(down.ms < 15_000, `down: answered in ${down.ms} ms (no hang)`);
  }
  check(server.alive(), "the server process survived the outage");

  // Back up: the same server serves again once its pool reconnects.
  const back = await timed(async () => {
    for (let i = 0; i < 60; i++) {
      const r = await scim("GET", "/Users").catch(() => undefined);
      if (r?.status === 200) return true;
      await sleep(500);
    }
    return false;
  });
  check(back.value, `back: SCIM serves again without a restart (after ${back.ms} ms)`);
  const fresh = await getToken(server.url, creds.clientId, creds.clientSecret);
  check(fresh.status === 200, "back: token endpoint issues tokens again", fresh.status);
  token = fresh.body.access_token;
  const created = await scim("POST", "/Users", { schemas: [CORE], userName: "after-outage@x", emails: [{ value: "after@x", primary: true }] });
  check(created.status === 201, "back: writes succeed", created.status);
  check((await request(`${server.url}/api/health`)).status === 200, "back: /api/health → 200");
  const verify = createDb(database.config);
  const problems = await checkDirectoryInvariants(verify, creds.directoryId);
  const outageUser = await verify.prisma.scimUser.count({ where: { userName: "during-outage@x" } });
  await verify.prisma.$disconnect();
  check(problems.length === 0 && outageUser === 0, "nothing half-written; the refused POST stored nothing", problems);
  check(!/unhandled|uncaught/i.test(server.output()), "no unhandled error in the server output", server.output().slice(-2000));
}

async function sqliteDiskFull(cleanup: (fn: () => Promise<unknown> | unknown) => void) {
  section("SQLite on a full disk, then space freed");
  const mountPoint = mkdtempSync(join(tmpdir(), "roster-full-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", mountPoint]);
  cleanup(() => {
    execFileSync("umount", ["-l", mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });
  mkdirSync(join(mountPoint, "data"));
  const file = join(mountPoint, "data", "roster.db");
  const config: DatabaseConfig = { kind: "sqlite", file, url: `file:${file}` };
  await migrate(config);
  const db = createDb(config);
  const database: ScriptDatabase = { kind: "sqlite", config, url: config.url, db, drop: () => db.prisma.$disconnect() };
  cleanup(() => db.prisma.$disconnect());
  const creds = await createCredentials(database, "Outage SQLite");
  const server = await startProductionServer({ databaseUrl: config.url });
  cleanup(() => server.stop());
  const token = (await getToken(server.url, creds.clientId, creds.clientSecret)).body.access_token as string;
  const scim = scimClient(server.url, () => token);
  const seeded = await scim("POST", "/Users", { schemas: [CORE], userName: "before-full@x" });
  check(seeded.status === 201, "serving before the disk fills");

  // Fill the file system to the last byte.
  const filler = join(mountPoint, "filler");
  const free = Number(execFileSync("df", ["--output=avail", "-B1", mountPoint]).toString().trim().split("\n")[1]);
  try {
    writeFileSync(filler, Buffer.alloc(free));
  } catch {
    // ENOSPC at the very end: the disk is full, which is the point.
  }
  const statuses: number[] = [];
  const fullReplies: Reply[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await scim("POST", "/Users", { schemas: [CORE], userName: `when-full-${i}@x`, title: "x".repeat(60_000), emails: [{ value: `full${i}@x` }] });
    fullReplies.push(r);
    statuses.push(r.status);
  }
  const read = await scim("GET", "/Users?count=5");
  const tokenWhenFull = await getToken(server.url, creds.clientId, creds.clientSecret);
  const health = await request(`${server.url}/api/health`);
  console.log(`  disk full: POST statuses ${JSON.stringify(statuses)}, GET ${read.status}, token ${tokenWhenFull.status}, health ${health.status}`);
  // A write may still fit in the write-ahead log's already allocated pages (SQLite reuses the WAL file
  // from its start once a checkpoint has copied it): such a 201 is a committed write, checked below.
  const keptWhileFull = fullReplies.filter((r) => r.status === 201).map((r) => r.body?.id as string);
  check(
    fullReplies.every((r) => r.status === 201 || isScim503(r)) && fullReplies.some(isScim503),
    "disk full: writes → 201 while they fit in allocated pages, then 503 SCIM error with Retry-After (never 500)",
    fullReplies.map((r) => `${r.status} ${r.text.slice(0, 120)}`),
  );
  check(read.status === 200, "disk full: reads keep working", read.status);
  check([200, 503].includes(tokenWhenFull.status), "disk full: token endpoint answers 200 or 503, never 500", tokenWhenFull.status);
  check(server.alive(), "the server process survived the full disk");

  rmSync(filler);
  // A write that never answers means a failed COMMIT left a transaction (and its lock) open for good.
  const after = await request(`${server.url}/api/scim/v2/Users`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
    body: JSON.stringify({ schemas: [CORE], userName: "after-full@x", emails: [{ value: "after-full@x" }] }),
    signal: AbortSignal.timeout(20_000),
  }).catch((e: Error) => ({ status: 0, text: `no answer within 20 s (${e.name}): a failed COMMIT leaked the connection's transaction lock` }));
  check(after.status === 201, "space freed: writes succeed again without a restart", after.status === 201 ? undefined : `${after.status} ${after.text.slice(0, 200)}`);
  const problems = await checkDirectoryInvariants(db, creds.directoryId);
  const partial = await db.prisma.scimUser.count({ where: { userName: { startsWith: "when-full-" } } });
  check(problems.length === 0, "nothing half-written", problems);
  const kept = await db.prisma.scimUser.count({ where: { id: { in: keptWhileFull } } });
  check(kept === keptWhileFull.length, "every write answered 201 while the disk was full is kept", { answered201: keptWhileFull.length, kept });
  console.log(`  users created while full and kept: ${partial} (each complete, per the invariants)`);
}

runScript("db-outage", async (cleanup) => {
  if (process.getuid?.() !== 0) throw new Error("db-outage needs root: it mounts a tmpfs and stops/starts the PostgreSQL cluster");
  const which = (process.env.RELIABILITY_DATABASES ?? "sqlite,postgresql").split(",");
  if (which.includes("sqlite")) await sqliteDiskFull(cleanup);
  if (which.includes("postgresql")) await postgresOutage(cleanup);
});
