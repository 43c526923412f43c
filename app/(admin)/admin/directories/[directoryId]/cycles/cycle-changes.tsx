// A cycle's changes in words: "2 users created, 1 deactivated · 1 group created · 2 memberships added".
import type { SyncCycleSummary } from "@/lib/directory-data/directory-health";

function part(n: number, what: string): string[] {
  return n ? [`${n.toLocaleString("en")} ${what}`] : [];
}

export function cycleChanges(c: SyncCycleSummary): string {
  const users = [...part(c.users.created, "created"), ...part(c.users.updated, "updated"), ...part(c.users.deactivated, "deactivated"), ...part(c.users.reactivated, "reactivated"), ...part(c.users.deleted, "deleted")];
  const groups = [...part(c.groups.created, "created"), ...part(c.groups.updated, "updated"), ...part(c.groups.deleted, "deleted")];
  const members = [...part(c.memberships.added, "added"), ...part(c.memberships.removed, "removed")];
  const out = [users.length ? `users: ${users.join(", ")}` : "", groups.length ? `groups: ${groups.join(", ")}` : "", members.length ? `memberships: ${members.join(", ")}` : ""].filter(Boolean);
  return out.length ? out.join(" · ") : "no changes";
}

export function CycleChanges({ cycle }: { cycle: SyncCycleSummary }) {
  return <>{cycleChanges(cycle)}</>;
}
