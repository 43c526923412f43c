// Reads at scale: filter lookups (userName, externalId, emails.value) that must not grow with the
// directory, a list page deep into it, the group list without members, and the cost of a group's size
// on reading it (members excluded) and on adding or removing one member.
import { entraAddMembers, entraRemoveMembers, type NthUser } from "../../../lib/scim/test-support/fixtures";
import { Phase } from "../latency";
import { runPool } from "../load-pool";
import { shuffled, type RunContext } from "../run-context";
import { eqFilterQuery, type ScimClient } from "../scim-client";

const LOOKUPS: { attribute: string; value: (u: NthUser) => string }[] = [
  { attribute: "userName", value: (u) => u.userName },
  { attribute: "externalId", value: (u) => u.externalId },
  { attribute: "emails.value", value: (u) => u.email },
];

/**
 * Lookups in a small and a large directory of the same server, in alternating rounds so both are
 * measured under the same machine load (the comparison is what matters: flat from 1,000 to 100,000).
 */
export async function runLookupsSideBySide(run: RunContext, sides: { label: string; client: ScimClient; users: NthUser[] }[], rounds = 4) {
  const samples = sides.map((s) => shuffled(s.users, s.users.length).slice(0, run.work.lookupsPerKind));
  // Warm-up (not reported): other users of each directory, every attribute.
  await runPool({
    concurrency: run.options.concurrency,
    count: 200 * sides.length * LOOKUPS.length,
    budgetMs: 60_000,
    task: async (i) => {
      const side = sides[i % sides.length];
      const { attribute, value } = LOOKUPS[Math.floor(i / sides.length) % LOOKUPS.length];
      const u = side.users[(i * 7919) % side.users.length];
      await side.client.call("GET", `/Users?${eqFilterQuery(attribute, value(u))}`);
    },
  });
  for (const { attribute, value } of LOOKUPS) {
    const phases = sides.map((s) => new Phase(`lookup by ${attribute} at ${s.label} users`));
    const per = Math.ceil(run.work.lookupsPerKind / rounds);
    for (let r = 0; r < rounds; r++) {
      for (const [k, side] of sides.entries()) {
        const sample = samples[k];
        await run.phase(
          phases[k].name,
          Math.min(per, run.work.lookupsPerKind - r * per),
          async (phase, i) => {
            const u = sample[(r * per + i) % sample.length];
            const op = phase.op(`GET /Users?filter=${attribute} eq (hit)`);
            const res = await side.client.call("GET", `/Users?${eqFilterQuery(attribute, value(u))}`, op);
            if (res.status === 200 && !res.text.includes('"totalResults":1')) op.fail(0, `expected one result for ${value(u)}: ${res.text.slice(0, 200)}`);
          },
          undefined,
          phases[k],
        );
      }
    }
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
    await client.call("PATCH", `/Groups/${id}`, phase.op(`add 1 member, ${label}-member group`), entraAddMembers([user]));
    await client.call("PATCH", `/Groups/${id}`, phase.op(`remove 1 member, ${label}-member group`), entraRemoveMembers([user]));
  });
}
