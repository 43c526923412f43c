// The five phases of issue #17's table, the same requests against Roster and against the bare baseline
// server, in alternating rounds per phase so both see the same machine load: match + create (a lookup
// by userName that misses, then a POST, per user), filter lookups (by userName, hits), group creates,
// member adds (10-member PATCH batches) and incremental PATCHes (one replace per user).
import { entraAddMembers, entraMappedUser, entraPatch, nthGroup, nthUser } from "../../../lib/scim/test-support/fixtures";
import { Phase } from "../latency";
import type { EntraPhaseRow, PhaseFigures, PhaseReport } from "../report";
import { runPool } from "../load-pool";
import { shuffled, type RunContext } from "../run-context";
import { eqFilterQuery, parseJson, type ScimClient } from "../scim-client";

export const ENTRA_PHASES = ["match + create", "filter lookups", "group creates", "member adds", "incremental PATCH"] as const;
export type EntraPhaseName = (typeof ENTRA_PHASES)[number];

/** Members per PATCH batch and members per group in the member-add phase. */
export const PHASE_MEMBER_BATCH = 10;
const MEMBERS_PER_GROUP = 40;
/** One group per this many users. */
const USERS_PER_GROUP = 4;

export interface PhaseTarget {
  /** "roster" or "baseline": the phase names start with it. */
  label: string;
  client: ScimClient;
  /** CPU time of the server process so far (ms). */
  cpu: () => number;
  /** Peak RSS of the server process so far (bytes). */
  peakRss: () => number;
}

/** The name a target's phase is recorded under, e.g. "roster: match + create". */
export function phaseName(label: string, phase: EntraPhaseName) {
  return `${label}: ${phase}`;
}

interface TargetState {
  userIds: (string | undefined)[];
  groupIds: (string | undefined)[];
}

type Step = { phase: EntraPhaseName; count: number; task: (client: ScimClient, state: TargetState, phase: Phase, i: number) => Promise<void> };

/** The five phases for `users` users named by `prefix`, their groups numbered from `firstGroup`. */
function phaseSteps(users: number, prefix: string, firstGroup: number): Step[] {
  const groups = Math.max(1, Math.floor(users / USERS_PER_GROUP));
  const lookupOrder = shuffled(
    Array.from({ length: users }, (_, i) => i),
    users,
  );
  const batchesPerGroup = MEMBERS_PER_GROUP / PHASE_MEMBER_BATCH;
  return [
    {
      phase: "match + create",
      count: users,
      task: async (client, state, phase, i) => {
        const u = nthUser(prefix, i);
        await client.call("GET", `/Users?${eqFilterQuery("userName", u.userName)}`, phase.op("GET /Users?filter=userName eq (miss)"));
        state.userIds[i] = parseJson<{ id: string }>(await client.call("POST", "/Users", phase.op("POST /Users"), entraMappedUser(u, i)))?.id;
      },
    },
    {
      phase: "filter lookups",
      count: users,
      task: async (client, _state, phase, i) => {
        const u = nthUser(prefix, lookupOrder[i]);
        const op = phase.op("GET /Users?filter=userName eq (hit)");
        const res = await client.call("GET", `/Users?${eqFilterQuery("userName", u.userName)}`, op);
        if (res.status === 200 && !res.text.includes('"totalResults":1')) op.fail(0, `expected one result for ${u.userName}: ${res.text.slice(0, 200)}`);
      },
    },
    {
      phase: "group creates",
      count: groups,
      task: async (client, state, phase, i) => {
        state.groupIds[i] = parseJson<{ id: string }>(await client.call("POST", "/Groups", phase.op("POST /Groups"), nthGroup(firstGroup + i)))?.id;
      },
    },
    {
      // Group g gets the users from g × 40 on (wrapping), batch after batch, group after group.
      phase: "member adds",
      count: groups * batchesPerGroup,
      task: async (client, state, phase, i) => {
        const g = Math.floor(i / batchesPerGroup);
        const groupId = state.groupIds[g];
        const first = g * MEMBERS_PER_GROUP + (i % batchesPerGroup) * PHASE_MEMBER_BATCH;
        const ids = Array.from({ length: PHASE_MEMBER_BATCH }, (_, k) => state.userIds[(first + k) % users]).filter((id): id is string => Boolean(id));
        const op = phase.op(`PATCH /Groups/{id} add ${PHASE_MEMBER_BATCH} members`);
        if (!groupId || !ids.length) return op.fail(0, "the group or its users were not created");
        await client.call("PATCH", `/Groups/${groupId}`, op, entraAddMembers(ids));
      },
    },
    {
      phase: "incremental PATCH",
      count: users,
      task: async (client, state, phase, i) => {
        const op = phase.op("PATCH /Users/{id} replace name.familyName");
        const id = state.userIds[i];
        if (!id) return op.fail(0, "the user was not created");
        await client.call("PATCH", `/Users/${id}`, op, entraPatch("Replace", "name.familyName", `Renamed${i}`));
      },
    },
  ];
}

const newState = (): TargetState => ({ userIds: [], groupIds: [] });

/**
 * Runs the five phases on every target with `users` users, after a warm-up of every phase on
 * `warmupUsers` other users (not reported). Requests per phase, for U users: 2U, U, U/4, U (U/4 groups
 * of 40 members in batches of 10) and U.
 */
export async function runEntraPhases(run: RunContext, targets: PhaseTarget[], users: number, warmupUsers: number, rounds = 4): Promise<void> {
  const warmStates = targets.map(newState);
  for (const step of phaseSteps(warmupUsers, "phasewarm", 100_000)) {
    for (const [k, target] of targets.entries()) {
      const scratch = new Phase("warm-up");
      await runPool({ concurrency: run.options.concurrency, count: step.count, budgetMs: 60_000, task: (i) => step.task(target.client, warmStates[k], scratch, i) });
    }
  }
  const states = targets.map(newState);
  const steps = phaseSteps(users, "phase", 0);
  for (const step of steps) {
    const phases = targets.map((t) => new Phase(phaseName(t.label, step.phase)));
    const per = Math.ceil(step.count / rounds);
    for (let r = 0; r < rounds && r * per < step.count; r++) {
      for (const [k, target] of targets.entries()) {
        run.serverCpu = target.cpu;
        run.serverPeakRss = target.peakRss;
        await run.phase(phases[k].name, Math.min(per, step.count - r * per), (phase, i) => step.task(target.client, states[k], phase, r * per + i), undefined, phases[k]);
      }
    }
  }
  run.serverCpu = undefined;
  run.serverPeakRss = undefined;
}

function figures(p: PhaseReport | undefined): PhaseFigures | undefined {
  if (!p || !p.operations.length) return undefined;
  const requests = p.operations.reduce((n, o) => n + o.count, 0);
  return {
    requests,
    perSecond: p.seconds > 0 ? requests / p.seconds : NaN,
    p99: Math.max(...p.operations.map((o) => o.p99)),
    cpuMsPerRequest: p.serverCpuMsPerRequest,
    errors: p.operations.reduce((n, o) => n + o.errors, 0),
  };
}

/** The five phases' figures for the Roster and baseline targets, as recorded by runEntraPhases. */
export function entraPhaseRows(phases: PhaseReport[], roster = "roster", baseline = "baseline"): EntraPhaseRow[] {
  const find = (label: string, phase: EntraPhaseName) => phases.find((p) => p.name === phaseName(label, phase));
  return ENTRA_PHASES.map((phase) => ({ phase, roster: figures(find(roster, phase)), baseline: figures(find(baseline, phase)) }));
}
