// Pure POST /Users at the configured concurrency: the throughput compared with the baseline server and
// between activity logging on and off.
import { entraMappedUser, nthUser } from "../../../lib/scim/test-support/fixtures";
import { Phase } from "../latency";
import { runPool } from "../load-pool";
import type { RunContext } from "../run-context";
import { eqFilterQuery, type ScimClient } from "../scim-client";

export async function runCreates(run: RunContext, client: ScimClient, phaseName: string, prefix: string, count: number, from = 0, round?: Phase) {
  return run.phase(
    phaseName,
    count,
    async (phase, i) => {
      await client.call("POST", "/Users", phase.op("POST /Users"), entraMappedUser(nthUser(prefix, from + i), from + i));
    },
    undefined,
    round,
  );
}

/**
 * The same creates against two servers (activity log on, and off), in alternating rounds, so that
 * both see the same machine load: on a shared 2-core machine, load from elsewhere drifts over minutes.
 */
export async function runCreatesInterleaved(run: RunContext, sides: { name: string; client: ScimClient; prefix: string; cpu: () => number }[], count: number, rounds = 4) {
  const phases = sides.map((s) => new Phase(s.name));
  const per = Math.ceil(count / rounds);
  for (let r = 0; r < rounds; r++) {
    for (const [k, side] of sides.entries()) {
      run.serverCpu = side.cpu;
      await runCreates(run, side.client, side.name, side.prefix, Math.min(per, count - r * per), r * per, phases[k]);
    }
  }
  run.serverCpu = undefined;
  return phases;
}

/**
 * What any request costs before Roster's own work: GET /ServiceProviderConfig without a token is
 * answered from constants (no authentication, no database; with the activity log off, nothing is
 * written), so it measures Next.js's request handling plus the SCIM wrapper.
 */
export async function runFloor(run: RunContext, client: ScimClient, count: number) {
  return run.phase("floor: Next.js + SCIM wrapper, no database (activity log off)", count, async (phase) => {
    await client.http.request({ method: "GET", path: "/api/scim/v2/ServiceProviderConfig", recorder: phase.op("GET /ServiceProviderConfig (no token)") });
  });
}

/** Lookups by userName of users created by runCreates (hits). */
export async function runLookupsOf(run: RunContext, client: ScimClient, phaseName: string, prefix: string, count: number, population: number) {
  return run.phase(phaseName, count, async (phase, i) => {
    const u = nthUser(prefix, (i * 7919) % population);
    await client.call("GET", `/Users?${eqFilterQuery("userName", u.userName)}`, phase.op("GET /Users?filter=userName eq (hit)"));
  });
}

/** Loads every route module and warms the JIT before anything is measured (not reported). */
export async function warmUp(client: ScimClient, count: number, concurrency: number) {
  await runPool({
    concurrency,
    count,
    budgetMs: 120_000,
    task: async (i) => {
      const u = nthUser("warmup", i);
      await client.call("GET", `/Users?${eqFilterQuery("userName", u.userName)}`);
      await client.call("POST", "/Users", undefined, entraMappedUser(u, i));
      if (i % 10 === 0) await client.call("GET", "/Groups?excludedAttributes=members&count=10");
    },
  });
}
