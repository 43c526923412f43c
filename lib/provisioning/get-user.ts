import type { ProvisioningContext } from "./context";
import type { UserRecord } from "./records";
import { SqlParams } from "@/lib/db/sql";
import { findUserOrThrow } from "./user-storage";

export interface GetUserOptions {
  ctx: ProvisioningContext;
  userId: string;
}

export interface UserWithGroups {
  user: UserRecord;
  groups: { id: string; displayName: string }[];
}

/** GET /Users/{id}, with the groups the user is a direct member of (RFC 7643 §4.1.2 "groups"). */
export async function getUser({ ctx, userId }: GetUserOptions, withGroups = true): Promise<UserWithGroups> {
  const user = await findUserOrThrow(ctx, userId);
  if (!withGroups) return { user, groups: [] };
  const sql = ctx.db.sql;
  const p = new SqlParams(sql.kind);
  const groups = await sql.query<{ id: string; displayName: string }>(
    `SELECT g."id" AS "id", g."displayName" AS "displayName" FROM "ScimGroupMember" m JOIN "ScimGroup" g ON g."id" = m."groupId"
      WHERE m."directoryId" = ${p.add(ctx.directoryId)} AND m."userId" = ${p.add(userId)} ORDER BY m."createdAt" ASC, m."groupId" ASC LIMIT 1000`,
    p.values,
  );
  return { user, groups };
}
