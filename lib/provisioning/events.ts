// The provisioning operations' events (catalogue: lib/directory-data/feed-event.ts), built from the
// state the change's own transaction sees and recorded in it (lib/events/record-events.ts).
import { toDirectoryGroup } from "@/lib/directory-data/directory-group";
import { toDirectoryUser, type DirectoryUser } from "@/lib/directory-data/directory-user";
import { loadDirectoryUsers, loadGroupRefs } from "@/lib/directory-data/load-directory-users";
import type { EventScope, PendingEvent } from "@/lib/events/record-events";
import { profileFieldName } from "@/lib/scim/resource/extensions";
import type { GroupRecord, UserRecord } from "./records";
import type { Sql } from "@/lib/db/sql";

/** A membership that a request added or removed, in request order. */
export interface MembershipChange {
  change: "added" | "removed";
  userId: string;
}

/** The user as the Directory API returns it inside this transaction (its current groups included). */
export async function directoryUserOf(tx: Sql, scope: EventScope, record: UserRecord): Promise<DirectoryUser> {
  const groups = await loadGroupRefs(tx, scope.directoryId, [record.id]);
  return toDirectoryUser(record, groups.get(record.id) ?? []);
}

/** One event per (group, user) pair, carrying the group as it now is and each user. */
export async function membershipEvents(tx: Sql, scope: EventScope, group: GroupRecord, changes: readonly MembershipChange[]): Promise<PendingEvent[]> {
  if (!changes.length) return [];
  const users = await loadDirectoryUsers({ sql: tx, directoryId: scope.directoryId, userIds: changes.map((c) => c.userId) });
  const data = toDirectoryGroup(group);
  return changes.flatMap((c): PendingEvent[] => {
    const user = users.get(c.userId);
    if (!user) return [];
    return [{ type: c.change === "added" ? "group.member_added" : "group.member_removed", resourceId: group.id, data: { group: data, user } }];
  });
}

/** Old values of the changed user attributes (as named by changedAttributes); no value: absent. */
export function previousUserValues(before: UserRecord, changed: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of changed) {
    const value =
      name === "userName" || name === "externalId" || name === "active"
        ? before[name]
        : name.startsWith("profileField_")
          ? before.profileFields[profileFieldName(name)]
          : before.resource[name];
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}

/** Old values of the changed group attributes (displayName, externalId or a key of the resource). */
export function previousGroupValues(before: GroupRecord, changed: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of changed) {
    const value = name === "displayName" || name === "externalId" ? before[name] : before.resource[name];
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}
