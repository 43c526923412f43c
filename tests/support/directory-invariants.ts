// What must hold in a directory's stored data whatever happened to the requests that wrote it
// (concurrency, a killed server, a database that went away): no half-written user or group, and no
// provisioning event without its change or change without its event. Returns the violations found,
// described in words; an empty list means the directory is consistent.
import type { Database } from "@/lib/db/client";

interface EventRow {
  type: string;
  resourceId: string;
  payload: unknown;
}

function emailsOfResource(resource: unknown): { value: string; type: string | null; primary: boolean }[] {
  const emails = (resource as { emails?: unknown })?.emails;
  if (!Array.isArray(emails)) return [];
  return emails
    .filter((e): e is Record<string, unknown> => !!e && typeof e === "object" && typeof (e as { value?: unknown }).value === "string")
    .map((e) => ({ value: e.value as string, type: typeof e.type === "string" ? e.type : null, primary: e.primary === true }));
}

/** The user of a membership event (one event per group and user). */
function userIdsOf(payload: unknown): string[] {
  const id = (payload as { user?: { id?: unknown } })?.user?.id;
  return typeof id === "string" ? [id] : [];
}

export async function checkDirectoryInvariants(db: Database, directoryId: string): Promise<string[]> {
  const problems: string[] = [];
  const users = await db.prisma.scimUser.findMany({ where: { directoryId }, select: { id: true, userName: true, resource: true, deletedAt: true } });
  const emails = await db.prisma.scimUserEmail.findMany({ where: { directoryId }, orderBy: [{ userId: "asc" }, { position: "asc" }] });
  const groups = await db.prisma.scimGroup.findMany({ where: { directoryId }, select: { id: true, displayName: true, memberCount: true } });
  const members = await db.prisma.scimGroupMember.findMany({ where: { directoryId }, select: { groupId: true, userId: true } });
  const events: EventRow[] = (await db.prisma.provisioningEvent.findMany({ where: { directoryId }, select: { type: true, resourceId: true, payload: true } })).map((e) => ({
    type: e.type,
    resourceId: e.resourceId,
    payload: e.payload,
  }));

  // A user's email index rows are exactly its resource's emails, in order.
  const emailsByUser = new Map<string, typeof emails>();
  for (const e of emails) emailsByUser.set(e.userId, [...(emailsByUser.get(e.userId) ?? []), e]);
  const userIds = new Set(users.map((u) => u.id));
  for (const u of users) {
    const want = emailsOfResource(u.resource);
    const have = (emailsByUser.get(u.id) ?? []).map((e) => ({ value: e.value, type: e.type, primary: e.primary }));
    if (JSON.stringify(want) !== JSON.stringify(have)) problems.push(`user ${u.userName}: email rows ${JSON.stringify(have)} differ from resource.emails ${JSON.stringify(want)}`);
  }
  for (const userId of emailsByUser.keys()) if (!userIds.has(userId)) problems.push(`email rows of a user that does not exist: ${userId}`);

  // A group's memberCount is its number of member rows.
  const memberRows = new Map<string, Set<string>>();
  for (const m of members) {
    if (!memberRows.has(m.groupId)) memberRows.set(m.groupId, new Set());
    memberRows.get(m.groupId)!.add(m.userId);
  }
  for (const g of groups) {
    const count = memberRows.get(g.id)?.size ?? 0;
    if (g.memberCount !== count) problems.push(`group ${g.displayName}: memberCount ${g.memberCount} but ${count} member rows`);
  }

  // Events and changes come together.
  const created = new Map<string, number>();
  const deleted = new Set<string>();
  for (const e of events) {
    if (e.type === "user.created" || e.type === "group.created") created.set(e.resourceId, (created.get(e.resourceId) ?? 0) + 1);
    if (e.type === "user.deleted" || e.type === "group.deleted") deleted.add(e.resourceId);
  }
  for (const u of users) if (created.get(u.id) !== 1) problems.push(`user ${u.userName}: ${created.get(u.id) ?? 0} user.created events (want 1)`);
  for (const g of groups) if (created.get(g.id) !== 1) problems.push(`group ${g.displayName}: ${created.get(g.id) ?? 0} group.created events (want 1)`);
  const groupIds = new Set(groups.map((g) => g.id));
  for (const e of events) {
    if (e.type.startsWith("directory.")) continue;
    const exists = e.type.startsWith("user.") ? userIds.has(e.resourceId) : groupIds.has(e.resourceId);
    if (!exists && !deleted.has(e.resourceId)) problems.push(`${e.type} event for ${e.resourceId}, which does not exist and was not deleted`);
  }

  // Membership events replay to the member rows: member_added and member_removed only list the ids
  // that really changed, so for each (group, user) they alternate, and a member has one more add.
  const balance = new Map<string, number>();
  const bump = (groupId: string, userId: string, by: number) => balance.set(`${groupId} ${userId}`, (balance.get(`${groupId} ${userId}`) ?? 0) + by);
  for (const e of events) {
    if (e.type === "group.member_added") for (const id of userIdsOf(e.payload)) bump(e.resourceId, id, 1);
    if (e.type === "group.member_removed") for (const id of userIdsOf(e.payload)) bump(e.resourceId, id, -1);
    if (e.type === "user.deleted") {
      // The user left every group it was in: the event's user lists them.
      const left = (e.payload as { user?: { groups?: { id?: unknown }[] } })?.user?.groups;
      if (Array.isArray(left)) for (const g of left) if (typeof g?.id === "string") bump(g.id, e.resourceId, -1);
    }
  }
  for (const [key, n] of balance) {
    const [groupId, userId] = key.split(" ");
    if (!groupIds.has(groupId)) continue;
    const isMember = memberRows.get(groupId)?.has(userId) ?? false;
    if (n !== (isMember ? 1 : 0)) problems.push(`group ${groupId} / user ${userId}: membership events add up to ${n}, but the user is ${isMember ? "" : "not "}a member`);
  }
  for (const m of members) {
    if (!balance.has(`${m.groupId} ${m.userId}`)) problems.push(`group ${m.groupId} / user ${m.userId}: a member without a member_added event`);
  }
  return problems;
}
