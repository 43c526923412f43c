// The largest membership change one request may make: a PATCH adding 10,000 members (Entra's batches
// are 100; the limit per request is 10,000). It writes 10,000 membership rows and 10,000
// group.member_added events, one per (group, user) pair, in one transaction.
import { entraAddMembers, nthGroup } from "../../../lib/scim/test-support/fixtures";
import type { RunContext } from "../run-context";
import { parseJson, type ScimClient } from "../scim-client";

export const MAX_MEMBERS_PER_REQUEST = 10_000;

export async function runBigGroupAdd(run: RunContext, client: ScimClient, userIds: string[], groups = 3) {
  const ids = userIds.slice(0, MAX_MEMBERS_PER_REQUEST);
  // One at a time: each request is the whole phase's work for its group.
  return run.phase(
    `one PATCH adding ${ids.length} members to a new group (${ids.length} membership events)`,
    groups,
    async (phase, i) => {
      const group = parseJson<{ id: string }>(await client.call("POST", "/Groups", undefined, { ...nthGroup(3_000_000 + i), displayName: `Bench one-request group ${i}` }))?.id;
      if (!group) throw new Error("POST /Groups failed");
      await client.call("PATCH", `/Groups/${group}`, phase.op(`PATCH add ${ids.length} members`), entraAddMembers(ids));
    },
    1,
  );
}
