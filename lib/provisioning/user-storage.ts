// Shared by the user operations: turning a normalised user into columns, and writing its email index.
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Tx } from "@/lib/db/client";
import type { NormalizedUser } from "@/lib/scim/resource/normalize-user";
import { notFound } from "@/lib/scim/errors";
import type { ProvisioningContext } from "./context";
import { toUserRecord, type UserRecord } from "./records";

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

export async function replaceUserEmails(tx: Tx, directoryId: string, userId: string, emails: NormalizedUser["emails"], hadEmails: boolean) {
  if (hadEmails) await tx.scimUserEmail.deleteMany({ where: { userId, directoryId } });
  if (!emails.length) return;
  await tx.scimUserEmail.createMany({
    data: emails.map((e, position) => ({
      directoryId,
      userId,
      position,
      value: e.value,
      valueKey: e.value.toLowerCase(),
      type: e.type,
      primary: e.primary,
    })),
  });
}

/** The visible (not deleted) user with this id in the context's directory, or 404. */
export async function findUserOrThrow(ctx: ProvisioningContext, userId: string, tx?: Tx): Promise<UserRecord> {
  const row = await (tx ?? ctx.db).scimUser.findFirst({ where: { id: userId, directoryId: ctx.directoryId, deletedAt: null } });
  if (!row) throw notFound(`User ${userId} not found`);
  return toUserRecord(row);
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
