// The end of every group update (PUT and PATCH): the new attributes, member count and version in one
// UPDATE, then its events, in the caller's transaction.
import { toDirectoryGroup } from "@/lib/directory-data/directory-group";
import { assignments, send, SqlParams, type Sql } from "@/lib/db/sql";
import { recordEvents, type PendingEvent } from "@/lib/events/record-events";
import type { NormalizedGroup } from "@/lib/scim/resource/normalize-group";
import type { AppliedMemberChanges } from "./apply-member-changes";
import type { ProvisioningContext } from "./context";
import { membershipEvents, previousGroupValues } from "./events";
import { bindGroupColumns } from "./group-storage";
import { toGroupRecord, type GroupRecord } from "./records";

export interface WriteGroupChangeOptions extends AppliedMemberChanges {
  tx: Sql;
  ctx: ProvisioningContext;
  /** The group as locked at the start of the transaction. */
  group: GroupRecord;
  /** The new attributes; absent when only members changed. */
  next?: NormalizedGroup;
  /** The attributes that differ between `group` and `next`. */
  changed: string[];
}

/** Writes the change, or nothing at all when neither attributes nor members changed (same version, same ETag, no event). */
export async function writeGroupChange({ tx, ctx, group, next, changed, delta, memberships }: WriteGroupChangeOptions): Promise<GroupRecord> {
  if (!changed.length && !memberships.length) return group;
  const p = new SqlParams(tx.kind);
  const now = new Date();
  const set = assignments({ ...(next ? bindGroupColumns(p, next) : {}), updatedAt: p.add(now) });
  // Sent without waiting (the events' reads go out behind it and see it). The row is locked since the
  // transaction's start (lockGroupOrThrow), so what it now holds is known without reading it back.
  await send(
    tx,
    `UPDATE "ScimGroup" SET ${set}, "memberCount" = "memberCount" + ${p.add(delta)}, "version" = "version" + 1 WHERE "id" = ${p.add(group.id)} AND "directoryId" = ${p.add(ctx.directoryId)}`,
    p.values,
  );
  const saved = toGroupRecord({
    ...group,
    ...(next ? { displayName: next.displayName, externalId: next.externalId, resource: next.resource } : {}),
    memberCount: group.memberCount + delta,
    version: group.version + 1,
    updatedAt: now,
  });
  const events: PendingEvent[] = changed.length
    ? [{ type: "group.updated", resourceId: group.id, data: { group: toDirectoryGroup(saved), previous: previousGroupValues(group, changed), changed } }]
    : [];
  await recordEvents(tx, ctx, [...events, ...(await membershipEvents(tx, ctx, saved, memberships))]);
  return saved;
}
