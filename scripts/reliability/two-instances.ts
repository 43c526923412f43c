// Two production instances on one database, requests alternating between them: on PostgreSQL (how
// Roster scales out) and on one SQLite file (two processes writing it). A is `npm start`'s server
// (the API answered by Node's http server), B is plain `next start` (the API answered by the Next.js
// route files, as on Vercel): every suite passing with requests alternating shows both paths agree.
//
// 1. The SCIM suites (tests/integration/scim-*.test.ts, reliability-tenant and reliability-concurrency)
//    run against the pair through ROSTER_TEST_BASE_URLS: every request goes to the other instance than
//    the one before, so a token issued by one is used on the other, and concurrent writers really are
//    two processes.
// 2. Tokens issued by one instance work on the other.
// 3. The token endpoint's failure limit is shared: failures spread over both instances add up.
// 4. The per-directory SCIM rate limit is shared: a flood spread over both instances is cut off at
//    about the limit, by both.
//
//   npx tsx scripts/reliability/two-instances.ts        (needs a production build: npx next build)
import { spawn } from "node:child_process";
import type { DbKind } from "../../lib/db/client";
import {
  check,
  createCredentials,
  createDatabase,
  freePort,
  getToken,
  pool,
  request,
  runScript,
  scimClient,
  section,
  startProductionServer,
  tally,
} from "./support";

const RATE_LIMIT = 1500;
const MAX_TOKEN_FAILURES = 5;
const SUITES = [
  "tests/integration/scim-users.test.ts",
  "tests/integration/scim-groups.test.ts",
  "tests/integration/scim-protocol.test.ts",
  "tests/integration/reliability-tenant.test.ts",
  "tests/integration/reliability-concurrency.test.ts",
];

function runSuites(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...SUITES], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const take = (d: Buffer) => {
      output += d;
      process.stdout.write(d);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("close", (code) => resolve({ code, output }));
  });
}

async function scenario(kind: DbKind, cleanup: (fn: () => Promise<unknown> | unknown) => void) {
  section(`two production instances on one ${kind} database`);
  const database = await createDatabase(kind, "pair");
  cleanup(() => database.drop());
  const [portA, portB] = [await freePort(), await freePort()];
  // Both instances name themselves by A's origin, so Location and meta.location agree whoever answers.
  // ROSTER_TRUST_PROXY: the token-failure check below sends X-Forwarded-For as a proxy would.
  const env = { ROSTER_BASE_URL: `http://127.0.0.1:${portA}`, ROSTER_TRUST_PROXY: "true", ROSTER_SCIM_RATE_LIMIT: String(RATE_LIMIT), ROSTER_TOKEN_MAX_FAILURES: String(MAX_TOKEN_FAILURES) };
  const [a, b] = await Promise.all([
    startProductionServer({ databaseUrl: database.url, port: portA, env, server: "roster" }),
    startProductionServer({ databaseUrl: database.url, port: portB, env, server: "next" }),
  ]);
  cleanup(() => a.stop());
  cleanup(() => b.stop());

  // 1. The SCIM suites, alternating per request.
  const suites = await runSuites({ ROSTER_TEST_BASE_URLS: `${a.url},${b.url}`, ROSTER_TEST_DATABASE_URL: database.url });
  const summary = /Tests\s+(.*\(\d+\))/.exec(suites.output.replace(/\x1b\[[0-9;]*m/g, ""))?.[1] ?? "no summary";
  check(suites.code === 0, `SCIM suites against both instances alternately: ${summary}`);

  // 2. A token from A works on B and the other way round.
  const creds = await createCredentials(database, `Pair ${kind}`);
  const fromA = (await getToken(a.url, creds.clientId, creds.clientSecret)).body.access_token as string;
  const fromB = (await getToken(b.url, creds.clientId, creds.clientSecret)).body.access_token as string;
  const onB = await scimClient(b.url, () => fromA)("GET", "/Users");
  const onA = await scimClient(a.url, () => fromB)("GET", "/Users");
  check(onB.status === 200 && onA.status === 200, "a token issued by one instance is accepted by the other", { onB: onB.status, onA: onA.status });

  // 3. Token failures add up across instances (same client id and address).
  const wrong = async (url: string) =>
    (
      await request(`${url}/api/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.7" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: creds.clientId, client_secret: "wrong" }),
      })
    ).status;
  const failures: number[] = [];
  for (let i = 0; i < MAX_TOKEN_FAILURES; i++) failures.push(await wrong(i % 2 ? b.url : a.url));
  const blocked = [await wrong(a.url), await wrong(b.url)];
  check(failures.every((s) => s === 401) && blocked.every((s) => s === 429), `token failures shared: ${MAX_TOKEN_FAILURES} × 401 spread over both, then 429 on both`, { failures, blocked });

  // 4. The SCIM rate limit is shared: a flood alternating between the instances.
  const flooded = await createCredentials(database, `Flood ${kind}`);
  const floodToken = (await getToken(a.url, flooded.clientId, flooded.clientSecret)).body.access_token as string;
  const byServer: Record<string, number[]> = { a: [], b: [] };
  let turn = 0;
  const total = RATE_LIMIT + 700;
  const tasks = Array.from({ length: total }, () => async () => {
    const which = turn++ % 2 ? "b" : "a";
    const r = await scimClient(which === "a" ? a.url : b.url, () => floodToken)("GET", "/Users?count=1&attributes=id");
    byServer[which].push(r.status);
    return r;
  });
  const started = Date.now();
  const replies = await pool(tasks, 16);
  const seconds = (Date.now() - started) / 1000;
  const admitted = replies.filter((r) => r.status === 200).length;
  const throttled = replies.filter((r) => r.status === 429);
  console.log(`  flood: ${total} requests in ${seconds.toFixed(1)} s → A ${JSON.stringify(tally(byServer.a))}, B ${JSON.stringify(tally(byServer.b))}`);
  check(admitted >= RATE_LIMIT && admitted <= RATE_LIMIT * 1.05, `about the limit admitted in total (${admitted} of limit ${RATE_LIMIT})`);
  check(byServer.a.includes(429) && byServer.b.includes(429), "both instances refuse once the shared limit is reached");
  check(
    throttled.every((r) => Number(r.headers.get("retry-after")) > 0 && r.body?.status === "429"),
    "every 429 has Retry-After and a SCIM error body",
  );
  check(replies.every((r) => r.status === 200 || r.status === 429), "nothing but 200 and 429", tally(replies.map((r) => r.status)));
  const logged = await database.db.prisma.activityLog.count({ where: { directoryId: flooded.directoryId, status: 429 } });
  check(logged <= Math.ceil(seconds + 2) * 2 + 2, `throttled requests logged at most once a second per instance (${logged} rows for ${throttled.length} refusals)`);
  await Promise.all([a.stop(), b.stop()]);
  const output = a.output() + b.output();
  check(!/unhandled|uncaught/i.test(output), "no unhandled error in either instance's output", output.slice(-1500));
}

runScript("two-instances", async (cleanup) => {
  const kinds = (process.env.RELIABILITY_DATABASES ?? "postgresql,sqlite").split(",") as DbKind[];
  for (const kind of kinds) await scenario(kind, cleanup);
});
