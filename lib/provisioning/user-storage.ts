// Shared by the user operations: turning a normalised user into columns, writing the user row and its
// email index, and reading one user.
import { randomUUID } from "node:crypto";
import { uuidv7 } from "@/lib/db/uuid7";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { NormalizedUser } from "@/lib/scim/resource/normalize-user";
import { notFound } from "@/lib/scim/errors";
import type { ProvisioningContext } from "./context";
import { toUserRecord, type UserRecord } from "./records";
import { insertInto, rowLock, send, SqlParams, type RowLock, type Sql } from "@/lib/db/sql";

export function userColumns(user: NormalizedUser) {
  return {
    userName: user.userName,
    userNameKey: user.userName.toLowerCase(),
    externalId: user.externalId,
    displayName: user.displayName,
    givenName: user.givenName,
    familyName: user.familyName,
    primaryEmail: user.primaryEmail,
    active: user.active,
    resource: user.resource as Prisma.InputJsonValue,
    profileFields: user.profileFields as Prisma.InputJsonValue,
    profileFieldsSchema: user.profileFieldsSchema,
  };
}

/** The user's columns bound as placeholders, for INSERT or UPDATE. */
export function bindUserColumns(p: SqlParams, user: NormalizedUser): Record<string, string> {
  const c = userColumns(user);
  return {
    userName: p.add(c.userName),
    userNameKey: p.add(c.userNameKey),
    externalId: p.add(c.externalId),
    displayName: p.add(c.displayName),
    givenName: p.add(c.givenName),
    familyName: p.add(c.familyName),
    primaryEmail: p.add(c.primaryEmail),
    active: p.bool(c.active),
    resource: p.json(c.resource),
    profileFields: p.json(c.profileFields),
    profileFieldsSchema: p.add(c.profileFieldsSchema),
  };
}

/** Inserts a new user row (version 1) and returns its record, built from what was written. */
export async function insertUser(tx: Sql, directoryId: string, user: NormalizedUser): Promise<UserRecord> {
  const id = randomUUID();
  const now = new Date();
  const p = new SqlParams(tx.kind);
  const columns = { id: p.add(id), directoryId: p.add(directoryId), ...bindUserColumns(p, user), version: p.add(1), createdAt: p.add(now), updatedAt: p.add(now) };
  await send(tx, insertInto("ScimUser", columns), p.values);
  return toUserRecord({
    id,
    directoryId,
    userName: user.userName,
    externalId: user.externalId,
    active: user.active,
    resource: user.resource,
    profileFields: user.profileFields,
    profileFieldsSchema: user.profileFieldsSchema,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}

export async function replaceUserEmails(tx: Sql, directoryId: string, userId: string, emails: NormalizedUser["emails"], hadEmails: boolean) {
  if (hadEmails) {
    const d = new SqlParams(tx.kind);
    await send(tx, `DELETE FROM "ScimUserEmail" WHERE "userId" = ${d.add(userId)} AND "directoryId" = ${d.add(directoryId)}`, d.values);
  }
  if (!emails.length) return;
  const p = new SqlParams(tx.kind);
  const rows = emails.map(
    (e, position) =>
      `(${[p.add(uuidv7()), p.add(directoryId), p.add(userId), p.add(position), p.add(e.value), p.add(e.value.toLowerCase()), p.add(e.type), p.bool(e.primary)].join(", ")})`,
  );
  await send(tx, `INSERT INTO "ScimUserEmail" ("id", "directoryId", "userId", "position", "value", "valueKey", "type", "primary") VALUES ${rows.join(", ")}`, p.values);
}

/**
 * The visible (not deleted) user with this id in the context's directory, or 404. With `lock` (inside
 * a transaction) the row stays locked until it ends: see rowLock.
 */
export async function findUserOrThrow(ctx: ProvisioningContext, userId: string, tx?: Sql, lock?: RowLock): Promise<UserRecord> {
  const sql = tx ?? ctx.db.sql;
  const p = new SqlParams(sql.kind);
  const rows = await sql.query(
    `SELECT * FROM "ScimUser" WHERE "id" = ${p.add(userId)} AND "directoryId" = ${p.add(ctx.directoryId)} AND "deletedAt" IS NULL${rowLock(sql.kind, lock)}`,
    p.values,
  );
  if (!rows.length) throw notFound(`User ${userId} not found`);
  return toUserRecord(rows[0]);
}

/** Names of the top-level attributes that differ, for the user.updated event. */
export function changedAttributes(before: UserRecord, after: NormalizedUser): string[] {
  const changed = new Set<string>();
  if (before.userName !== after.userName) changed.add("userName");
  if (before.externalId !== after.externalId) changed.add("externalId");
  if (before.active !== after.active) changed.add("active");
  const keys = new Set([...Object.keys(before.resource), ...Object.keys(after.resource)]);
  for (const key of keys) {
    if (["userName", "externalId", "active"].includes(key)) continue;
    if (JSON.stringify(before.resource[key]) !== JSON.stringify(after.resource[key])) changed.add(key);
  }
  const fields = new Set([...Object.keys(before.profileFields), ...Object.keys(after.profileFields)]);
  for (const f of fields) {
    if (JSON.stringify(before.profileFields[f]) !== JSON.stringify(after.profileFields[f])) changed.add(`profileField_${f}`);
  }
  return [...changed].sort();
}
