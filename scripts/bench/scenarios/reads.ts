// Reads at scale: filter lookups (userName, externalId, emails.value) that must not grow with the
// directory, a list page deep into it, the group list without members, and the cost of a group's size
// on reading it (members excluded) and on adding or removing one member.
import { addMembersBody, removeMembersBody, type BenchUser } from "../entra-payloads";
import { runPool } from "../load-pool";
import { shuffled, type RunContext } from "../run-context";
import { eqFilterQuery, type ScimClient } from "../scim-client";

const LOOKUPS: { attribute: string; value: (u: BenchUser) => string }[] = [
  { attribute: "userName", value: (u) => u.userName },
  { attribute: "externalId", value: (u) => u.externalId },
  { attribute: "emails.value", value: (u) => u.email },
];

/**
 * Lookups of existing users (hits, one result each), one phase per attribute, after a short warm-up
 * of other users (not reported), so each size is measured with the server's caches in use.
 */
export async function runLookups(run: RunContext, client: ScimClient, atSize: string, users: BenchUser[]) {
  const sample = shuffled(users, users.length).slice(0, run.work.lookupsPerKind);
  const warm = shuffled(users, users.length + 1).slice(0, 200);
  await runPool({
    concurrency: run.options.concurrency,
    count: warm.length * LOOKUPS.length,
    budgetMs: 60_000,
    task: async (i) => {
      const { attribute, value } = LOOKUPS[i % LOOKUPS.length];
      await client.call("GET", `/Users?${eqFilterQuery(attribute, value(warm[Math.floor(i / LOOKUPS.length)]))}`);
    },
  });
  for (const { attribute, value } of LOOKUPS) {
    await run.phase(`lookup by ${attribute} at ${atSize} users`, run.work.lookupsPerKind, async (phase, i) => {
      const res = await client.call("GET", `/Users?${eqFilterQuery(attribute, value(sample[i % sample.length]))}`, phase.op(`GET /Users?filter=${attribute} eq (hit)`));
      if (res.status === 200 && !res.text.includes('"totalResults":1')) {
        phase.op(`GET /Users?filter=${attribute} eq (hit)`).fail(0, `expected one result for ${value(sample[i % sample.length])}: ${res.text.slice(0, 200)}`);
      }
    });
  }
}

export async function runListReads(run: RunContext, client: ScimClient, visibleUsers: number) {
  const startIndex = Math.max(1, Math.min(90_000, Math.floor(visibleUsers * 0.9)));
  await run.phase(`list page deep (startIndex=${startIndex}&count=100)`, run.work.listPages, async (phase) => {
    await client.call("GET", `/Users?startIndex=${startIndex}&count=100`, phase.op(`GET /Users?startIndex=${startIndex}&count=100`));
  });
  await run.phase("group list without members", run.work.listPages, async (phase) => {
    await client.call("GET", "/Groups?excludedAttributes=members", phase.op("GET /Groups?excludedAttributes=members"));
  });
}

export interface GroupSizeTargets {
  bigGroupId: string;
  bigSize: number;
  smallGroupId: string;
  /** Users in neither group, to add and remove again. */
  outsiders: string[];
}

/** Interleaves the big and the small group in one phase so both see the same conditions. */
export async function runGroupSizeComparison(run: RunContext, client: ScimClient, t: GroupSizeTargets) {
  const big = t.bigSize.toLocaleString("en-US");
  await run.phase(`group GET, members excluded: ${big} vs 10 members`, run.work.groupReads, async (phase, i) => {
    const [id, label] = i % 2 ? [t.smallGroupId, "10"] : [t.bigGroupId, big];
    await client.call("GET", `/Groups/${id}?excludedAttributes=members`, phase.op(`GET ${label}-member group`));
  });
  const toggles = Math.min(run.work.memberToggles, t.outsiders.length);
  await run.phase(`one-member PATCH: ${big} vs 10 members`, toggles, async (phase, i) => {
    const [id, label] = i % 2 ? [t.smallGroupId, "10"] : [t.bigGroupId, big];
    const user = t.outsiders[i];
    await client.call("PATCH", `/Groups/${id}`, phase.op(`add 1 member, ${label}-member group`), addMembersBody([user]));
    await client.call("PATCH", `/Groups/${id}`, phase.op(`remove 1 member, ${label}-member group`), removeMembersBody([user]));
  });
}
