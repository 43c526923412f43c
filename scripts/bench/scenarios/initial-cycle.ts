// Entra's initial cycle: for every user in scope a lookup by userName (a miss), then a POST; groups
// looked up and created, then filled by PATCH add-member batches; then one group of 10,000 members.
import { entraAddMembers, entraMappedUser, nthGroup, nthUser } from "../../../lib/scim/test-support/fixtures";
import type { RunContext } from "../run-context";
import { eqFilterQuery, parseJson, type ScimClient } from "../scim-client";

export interface InitialCycleResult {
  /** Ids of the users created, by index (undefined where the POST failed). */
  userIds: (string | undefined)[];
  groupIds: string[];
  /** Members added to each group (by group id), for the incremental cycle's removals. */
  members: Map<string, string[]>;
  bigGroupId?: string;
}

export async function runInitialCycle(run: RunContext, client: ScimClient, prefix: string): Promise<InitialCycleResult> {
  const { users, groups } = run.options;
  const { memberBatch, membersPerGroup, bigGroupMembers } = run.work;
  const result: InitialCycleResult = { userIds: new Array(users), groupIds: [], members: new Map() };

  await run.phase(`initial cycle: ${users} users`, users, async (phase, i) => {
    const u = nthUser(prefix, i);
    await client.call("GET", `/Users?${eqFilterQuery("userName", u.userName)}`, phase.op("GET /Users?filter=userName eq (miss)"));
    const res = await client.call("POST", "/Users", phase.op("POST /Users"), entraMappedUser(u, i));
    result.userIds[i] = parseJson<{ id: string }>(res)?.id;
  });

  const groupIds: (string | undefined)[] = new Array(groups);
  await run.phase(`initial cycle: ${groups} groups`, groups, async (phase, i) => {
    const body = nthGroup(i);
    await client.call("GET", `/Groups?${eqFilterQuery("displayName", body.displayName)}&excludedAttributes=members`, phase.op("GET /Groups?filter=displayName eq (miss)"));
    const res = await client.call("POST", "/Groups", phase.op("POST /Groups"), body);
    groupIds[i] = parseJson<{ id: string }>(res)?.id;
  });
  result.groupIds = groupIds.filter((id): id is string => Boolean(id));

  // Group g gets membersPerGroup users starting at g × membersPerGroup (wrapping), in batches.
  const created = result.userIds.filter((id): id is string => Boolean(id));
  const batchesPerGroup = Math.ceil(membersPerGroup / memberBatch);
  const fills: { groupId: string; ids: string[] }[] = [];
  result.groupIds.forEach((groupId, g) => {
    const ids = Array.from({ length: Math.min(membersPerGroup, created.length) }, (_, k) => created[(g * membersPerGroup + k) % created.length]);
    result.members.set(groupId, ids);
    for (let b = 0; b < batchesPerGroup; b++) fills.push({ groupId, ids: ids.slice(b * memberBatch, (b + 1) * memberBatch) });
  });
  await run.phase(`initial cycle: fill groups (${memberBatch}-member PATCH batches)`, fills.length, async (phase, i) => {
    const { groupId, ids } = fills[i];
    if (ids.length) await client.call("PATCH", `/Groups/${groupId}`, phase.op(`PATCH add ${memberBatch} members`), entraAddMembers(ids));
  });

  const big = await client.call("POST", "/Groups", undefined, { ...nthGroup(1_000_000), displayName: "Bench big group" });
  result.bigGroupId = parseJson<{ id: string }>(big)?.id;
  if (result.bigGroupId) {
    const ids = created.slice(0, bigGroupMembers);
    const batches = Math.ceil(ids.length / memberBatch);
    await run.phase(`initial cycle: one group of ${ids.length} members`, batches, async (phase, b) => {
      await client.call("PATCH", `/Groups/${result.bigGroupId}`, phase.op(`PATCH add ${memberBatch} members (same group)`), entraAddMembers(ids.slice(b * memberBatch, (b + 1) * memberBatch)));
    });
  }
  return result;
}
