// Entra's incremental cycle: attribute changes (name.familyName, the work email through a value filter
// path), deactivations ("False" as a string), member removals one at a time, and DELETEs.
import { entraPatch, entraRemoveMembers, idpPayload } from "../../../lib/scim/test-support/fixtures";
import type { RunContext } from "../run-context";
import type { ScimClient } from "../scim-client";
import type { InitialCycleResult } from "./initial-cycle";

/** Returns the ids of the users it deleted. */
export async function runIncrementalCycle(run: RunContext, client: ScimClient, initial: InitialCycleResult): Promise<Set<string>> {
  const { attributePatches, deactivations, deletions, memberRemovals } = run.work;
  const ids = initial.userIds.filter((id): id is string => Boolean(id));
  const deleted = new Set<string>();

  const patched = ids.slice(0, attributePatches);
  await run.phase("incremental: attribute PATCH", patched.length, async (phase, i) => {
    await client.call("PATCH", `/Users/${patched[i]}`, phase.op("PATCH replace name.familyName"), entraPatch("Replace", "name.familyName", `Renamed${i}`));
    await client.call("PATCH", `/Users/${patched[i]}`, phase.op('PATCH replace emails[type eq "work"].value'), entraPatch("Replace", 'emails[type eq "work"].value', `renamed.${i}@mail.contoso.example`));
  });

  const disabled = ids.slice(attributePatches, attributePatches + deactivations);
  await run.phase("incremental: deactivate", disabled.length, async (phase, i) => {
    await client.call("PATCH", `/Users/${disabled[i]}`, phase.op('PATCH replace active "False"'), idpPayload("entraDisableUserLegacy"));
  });

  // One member out of a group per request, round-robin over the groups, never the same member twice.
  const removals: { groupId: string; userId: string }[] = [];
  const groups = [...initial.members.entries()];
  for (let k = 0; removals.length < memberRemovals && groups.length && k < memberRemovals * 4; k++) {
    const [groupId, members] = groups[k % groups.length];
    const userId = members[Math.floor(k / groups.length)];
    if (userId) removals.push({ groupId, userId });
  }
  await run.phase("incremental: member removal", removals.length, async (phase, i) => {
    const { groupId, userId } = removals[i];
    await client.call("PATCH", `/Groups/${groupId}`, phase.op("PATCH remove 1 member"), entraRemoveMembers([userId]));
  });

  // Deprovisioned users from the end of the list (members of the big group only when it spans all).
  const doomed = ids.slice(Math.max(attributePatches + deactivations, ids.length - deletions));
  await run.phase("incremental: DELETE", doomed.length, async (phase, i) => {
    await client.call("DELETE", `/Users/${doomed[i]}`, phase.op("DELETE /Users/{id}"));
    deleted.add(doomed[i]);
  });
  return deleted;
}
