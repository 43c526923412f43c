// Membership writes that cost the same for a 10-member and a 100,000-member group: every statement
// touches only the member ids named in the request, never the group's whole member list.
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Tx } from "@/lib/db/client";
import { invalidValue, notFound } from "@/lib/scim/errors";
import type { NormalizedGroup } from "@/lib/scim/resource/normalize-group";
import { bind, type ProvisioningContext } from "./context";
import { toGroupRecord, type GroupRecord, type MemberRecord } from "./records";

const CHUNK = 200;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function groupColumns(group: NormalizedGroup) {
  return {
    displayName: group.displayName,
    displayNameKey: group.displayName.toLowerCase(),
    externalId: group.externalId,
    resource: group.resource as Prisma.InputJsonValue,
  };
}

/**
 * Locks the group row for the rest of the transaction (a no-op UPDATE takes PostgreSQL's row lock and
 * SQLite's write lock), so concurrent PATCHes of one group apply one after another and lose nothing.
 */
export async function lockGroupOrThrow(tx: Tx, ctx: ProvisioningContext, groupId: string): Promise<GroupRecord> {
  const { count } = await tx.scimGroup.updateMany({ where: { id: groupId, directoryId: ctx.directoryId }, data: { version: { increment: 0 } } });
  if (count === 0) throw notFound(`Group ${groupId} not found`);
  return toGroupRecord(await tx.scimGroup.findFirstOrThrow({ where: { id: groupId, directoryId: ctx.directoryId } }));
}

export async function findGroupOrThrow(ctx: ProvisioningContext, groupId: string): Promise<GroupRecord> {
  const row = await ctx.db.scimGroup.findFirst({ where: { id: groupId, directoryId: ctx.directoryId } });
  if (!row) throw notFound(`Group ${groupId} not found`);
  return toGroupRecord(row);
}

/** 400 invalidValue naming the member ids that are not users of this directory; nothing is applied. */
export async function assertUsersExist(tx: Tx, ctx: ProvisioningContext, userIds: string[]) {
  const unique = [...new Set(userIds)];
  const missing: string[] = [];
  for (const part of chunks(unique, 500)) {
    const found = await tx.scimUser.findMany({ where: { directoryId: ctx.directoryId, id: { in: part }, deletedAt: null }, select: { id: true } });
    const have = new Set(found.map((f) => f.id));
    for (const id of part) if (!have.has(id)) missing.push(id);
  }
  if (missing.length) {
    const shown = missing.slice(0, 10).join(", ");
    throw invalidValue(`Unknown member${missing.length > 1 ? "s" : ""} (no such user in this directory): ${shown}${missing.length > 10 ? ` and ${missing.length - 10} more` : ""}`);
  }
}

/** Inserts the members that are not there yet; returns the ids actually added. */
export async function addMembers(tx: Tx, ctx: ProvisioningContext, groupId: string, userIds: string[]): Promise<string[]> {
  const unique = [...new Set(userIds)];
  if (!unique.length) return [];
  await assertUsersExist(tx, ctx, unique);
  const added: string[] = [];
  const now = new Date();
  for (const part of chunks(unique)) {
    const existing = await tx.scimGroupMember.findMany({ where: { groupId, userId: { in: part } }, select: { userId: true } });
    const have = new Set(existing.map((e) => e.userId));
    const fresh = part.filter((id) => !have.has(id));
    if (!fresh.length) continue;
    const params: unknown[] = [];
    const values = fresh
      .map((id) => `(${bind(ctx, params, ctx.directoryId)}, ${bind(ctx, params, groupId)}, ${bind(ctx, params, id)}, ${bind(ctx, params, now)})`)
      .join(", ");
    // ON CONFLICT DO NOTHING: re-adding an existing member is a no-op, also when a concurrent request won.
    const inserted = await tx.$executeRawUnsafe(
      `INSERT INTO "ScimGroupMember" ("directoryId", "groupId", "userId", "createdAt") VALUES ${values} ON CONFLICT DO NOTHING`,
      ...params,
    );
    if (inserted === fresh.length) added.push(...fresh);
    else added.push(...fresh.slice(0, inserted));
  }
  return added;
}

/** Deletes the named members; returns the ids that were members. */
export async function removeMembers(tx: Tx, ctx: ProvisioningContext, groupId: string, userIds: string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const part of chunks([...new Set(userIds)])) {
    const existing = await tx.scimGroupMember.findMany({ where: { groupId, directoryId: ctx.directoryId, userId: { in: part } }, select: { userId: true } });
    if (!existing.length) continue;
    const ids = existing.map((e) => e.userId);
    await tx.scimGroupMember.deleteMany({ where: { groupId, directoryId: ctx.directoryId, userId: { in: ids } } });
    removed.push(...ids);
  }
  return removed;
}

export async function allMemberIds(tx: Tx, ctx: ProvisioningContext, groupId: string): Promise<string[]> {
  const rows = await tx.scimGroupMember.findMany({ where: { groupId, directoryId: ctx.directoryId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

/** Members with their display names, oldest membership first. */
export async function loadMembers(db: Tx, ctx: ProvisioningContext, groupIds: string[]): Promise<Map<string, MemberRecord[]>> {
  const byGroup = new Map<string, MemberRecord[]>(groupIds.map((id) => [id, []]));
  if (!groupIds.length) return byGroup;
  const rows = await db.scimGroupMember.findMany({
    where: { directoryId: ctx.directoryId, groupId: { in: groupIds } },
    select: { groupId: true, userId: true, user: { select: { displayName: true, userName: true } } },
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
  });
  for (const r of rows) byGroup.get(r.groupId)?.push({ userId: r.userId, display: r.user.displayName ?? r.user.userName });
  return byGroup;
}
