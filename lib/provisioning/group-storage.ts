// Membership writes that cost the same for a 10-member and a 100,000-member group: every statement
// touches only the member ids named in the request, never the group's whole member list.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { invalidValue, notFound } from "@/lib/scim/errors";
import type { NormalizedGroup } from "@/lib/scim/resource/normalize-group";
import type { ProvisioningContext } from "./context";
import { toGroupRecord, type GroupRecord, type MemberRecord } from "./records";
import { byIdScope, chunks, insertInto, rowLock, send, SqlParams, type Sql } from "@/lib/db/sql";
import { noteRowsInserted } from "./table-statistics";

/** Member ids per statement (4 bound values each on insert: far below either database's limit). */
const CHUNK = 200;

export function groupColumns(group: NormalizedGroup) {
  return {
    displayName: group.displayName,
    displayNameKey: group.displayName.toLowerCase(),
    externalId: group.externalId,
    resource: group.resource as Prisma.InputJsonValue,
  };
}

/** The group's columns bound as placeholders, for INSERT or UPDATE. */
export function bindGroupColumns(p: SqlParams, group: NormalizedGroup): Record<string, string> {
  const c = groupColumns(group);
  return { displayName: p.add(c.displayName), displayNameKey: p.add(c.displayNameKey), externalId: p.add(c.externalId), resource: p.json(c.resource) };
}

/** Inserts a new group row (no members yet, version 1) and returns its record. */
export async function insertGroup(tx: Sql, directoryId: string, group: NormalizedGroup): Promise<GroupRecord> {
  const id = randomUUID();
  const now = new Date();
  const p = new SqlParams(tx.kind);
  const columns = { id: p.add(id), directoryId: p.add(directoryId), ...bindGroupColumns(p, group), memberCount: p.add(0), version: p.add(1), createdAt: p.add(now), updatedAt: p.add(now) };
  await send(tx, insertInto("ScimGroup", columns), p.values);
  return toGroupRecord({ id, directoryId, displayName: group.displayName, externalId: group.externalId, resource: group.resource, memberCount: 0, version: 1, createdAt: now, updatedAt: now });
}

/** Names of the attributes a new state changes, for the group.updated event (members aside). */
export function changedGroupAttributes(group: GroupRecord, next: NormalizedGroup): string[] {
  const changed: string[] = [];
  if (group.displayName !== next.displayName) changed.push("displayName");
  if (group.externalId !== next.externalId) changed.push("externalId");
  const keys = new Set([...Object.keys(group.resource), ...Object.keys(next.resource)]);
  for (const k of keys) if (JSON.stringify(group.resource[k]) !== JSON.stringify(next.resource[k])) changed.push(k);
  return changed;
}

/**
 * Locks the group row for the rest of the transaction (a no-op UPDATE takes PostgreSQL's row lock and
 * SQLite's write lock), so concurrent PATCHes of one group apply one after another and lose nothing.
 */
export async function lockGroupOrThrow(tx: Sql, ctx: ProvisioningContext, groupId: string): Promise<GroupRecord> {
  const p = new SqlParams(tx.kind);
  const rows = await tx.query(`UPDATE "ScimGroup" SET "version" = "version" WHERE "id" = ${p.add(groupId)} AND "directoryId" = ${p.add(ctx.directoryId)} RETURNING *`, p.values);
  if (!rows.length) throw notFound(`Group ${groupId} not found`);
  return toGroupRecord(rows[0]);
}

export async function findGroupOrThrow(ctx: ProvisioningContext, groupId: string): Promise<GroupRecord> {
  const sql = ctx.db.sql;
  const p = new SqlParams(sql.kind);
  const rows = await sql.query(`SELECT * FROM "ScimGroup" WHERE "id" = ${p.add(groupId)} AND "directoryId" = ${p.add(ctx.directoryId)}`, p.values);
  if (!rows.length) throw notFound(`Group ${groupId} not found`);
  return toGroupRecord(rows[0]);
}

/** 400 invalidValue naming the member ids that are not users of this directory; nothing is applied. */
export async function assertUsersExist(tx: Sql, ctx: ProvisioningContext, userIds: string[]) {
  const unique = [...new Set(userIds)];
  // Every part is sent before this returns: addMembers sends its inserts behind them.
  const found = await Promise.all(
    chunks(unique, 500).map((part) => {
      const p = new SqlParams(tx.kind);
      // Locked (KEY SHARE) so that a concurrent DELETE of one of these users either waits for this
      // transaction (and then removes the new membership and counts it) or has already happened.
      return tx.query<{ id: string }>(
        `SELECT "id" FROM "ScimUser" WHERE ${byIdScope(tx.kind)} = ${p.add(ctx.directoryId)} AND "id" IN ${p.list(part)} AND "deletedAt" IS NULL${rowLock(tx.kind, "share")}`,
        p.values,
      );
    }),
  );
  const have = new Set(found.flat().map((f) => f.id));
  const missing = unique.filter((id) => !have.has(id));
  if (missing.length) {
    const shown = missing.slice(0, 10).join(", ");
    throw invalidValue(`Unknown member${missing.length > 1 ? "s" : ""} (no such user in this directory): ${shown}${missing.length > 10 ? ` and ${missing.length - 10} more` : ""}`);
  }
}

/** Inserts the members that are not there yet; returns the ids actually added (in request order). */
export async function addMembers(tx: Sql, ctx: ProvisioningContext, groupId: string, userIds: string[]): Promise<string[]> {
  const unique = [...new Set(userIds)];
  if (!unique.length) return [];
  // The check and the inserts go out together (on PostgreSQL in one flight, the check first, so its
  // locks are taken before the inserts run); an unknown user's answer is the check's 400, and the
  // transaction, inserts included, is rolled back.
  const checked = assertUsersExist(tx, ctx, unique);
  const now = new Date();
  const parts = chunks(unique, CHUNK).map((part) => {
    const p = new SqlParams(tx.kind);
    const values = part.map((id) => `(${p.add(ctx.directoryId)}, ${p.add(groupId)}, ${p.add(id)}, ${p.add(now)})`).join(", ");
    // ON CONFLICT DO NOTHING: re-adding an existing member is a no-op, also when a concurrent request
    // won; RETURNING names only the rows actually inserted (both databases).
    return tx.query<{ userId: string }>(
      `INSERT INTO "ScimGroupMember" ("directoryId", "groupId", "userId", "createdAt") VALUES ${values} ON CONFLICT DO NOTHING RETURNING "userId"`,
      p.values,
    );
  });
  const inserting = Promise.all(parts);
  inserting.catch(() => undefined);
  await checked;
  const inserted = await inserting;
  const fresh = new Set(inserted.flat().map((r) => r.userId));
  const added = unique.filter((id) => fresh.has(id));
  noteRowsInserted(ctx, added.length);
  return added;
}

/** Deletes the named members; returns the ids that were members (in request order). */
export async function removeMembers(tx: Sql, ctx: ProvisioningContext, groupId: string, userIds: string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const part of chunks([...new Set(userIds)], CHUNK)) {
    const p = new SqlParams(tx.kind);
    const gone = await tx.query<{ userId: string }>(
      `DELETE FROM "ScimGroupMember" WHERE "groupId" = ${p.add(groupId)} AND "directoryId" = ${p.add(ctx.directoryId)} AND "userId" IN ${p.list(part)} RETURNING "userId"`,
      p.values,
    );
    const ids = new Set(gone.map((r) => r.userId));
    for (const id of part) if (ids.has(id)) removed.push(id);
  }
  return removed;
}

export async function allMemberIds(tx: Sql, ctx: ProvisioningContext, groupId: string): Promise<string[]> {
  const p = new SqlParams(tx.kind);
  const rows = await tx.query<{ userId: string }>(`SELECT "userId" FROM "ScimGroupMember" WHERE "groupId" = ${p.add(groupId)} AND "directoryId" = ${p.add(ctx.directoryId)}`, p.values);
  return rows.map((r) => r.userId);
}

/** Members with their display names, oldest membership first. */
export async function loadMembers(sql: Sql, ctx: ProvisioningContext, groupIds: string[]): Promise<Map<string, MemberRecord[]>> {
  const byGroup = new Map<string, MemberRecord[]>(groupIds.map((id) => [id, []]));
  for (const part of chunks(groupIds, 500)) {
    const p = new SqlParams(sql.kind);
    const rows = await sql.query<{ groupId: string; userId: string; displayName: string | null; userName: string }>(
      `SELECT m."groupId" AS "groupId", m."userId" AS "userId", u."displayName" AS "displayName", u."userName" AS "userName"
         FROM "ScimGroupMember" m JOIN "ScimUser" u ON u."id" = m."userId"
        WHERE m."directoryId" = ${p.add(ctx.directoryId)} AND m."groupId" IN ${p.list(part)}
        ORDER BY m."createdAt" ASC, m."userId" ASC`,
      p.values,
    );
    for (const r of rows) byGroup.get(r.groupId)?.push({ userId: r.userId, display: r.displayName ?? r.userName });
  }
  return byGroup;
}
