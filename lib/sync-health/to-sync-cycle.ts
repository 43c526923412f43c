// A stored SyncCycle as the API and the console show it.
import type { SyncCycleSummary } from "@/lib/directory-data/directory-health";

export interface SyncCycleRecord {
  id: string;
  startedAt: Date;
  endedAt: Date;
  requests: number;
  failures: number;
  usersCreated: number;
  usersUpdated: number;
  usersDeactivated: number;
  usersReactivated: number;
  usersDeleted: number;
  groupsCreated: number;
  groupsUpdated: number;
  groupsDeleted: number;
  membersAdded: number;
  membersRemoved: number;
}

export function toSyncCycle(c: SyncCycleRecord): SyncCycleSummary {
  return {
    id: c.id,
    startedAt: c.startedAt.toISOString(),
    endedAt: c.endedAt.toISOString(),
    requests: c.requests,
    failures: c.failures,
    users: { created: c.usersCreated, updated: c.usersUpdated, deactivated: c.usersDeactivated, reactivated: c.usersReactivated, deleted: c.usersDeleted },
    groups: { created: c.groupsCreated, updated: c.groupsUpdated, deleted: c.groupsDeleted },
    memberships: { added: c.membersAdded, removed: c.membersRemoved },
  };
}
