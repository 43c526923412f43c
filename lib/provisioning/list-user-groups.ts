import { SqlParams, type Sql } from "@/lib/db/sql";
import type { UserGroupInput } from "@/lib/scim/resource/to-scim";
import type { ProvisioningContext } from "./context";

/**
 * The most groups a user's representation lists (SCIM `groups` and the console's user page, which
 * shows the total beside them). The cap keeps one user's GET/PUT/PATCH response, and the read behind
 * it, bounded when someone is in tens of thousands of groups. 1000 is the default SCIM page size limit
 * (ROSTER_SCIM_MAX_RESULTS): a client that can take a page of resources can take this list.
 */
export const MAX_USER_GROUPS = 1000;

export interface ListUserGroupsOptions {
  ctx: ProvisioningContext;
  userId: string;
  /** A transaction to read in (saveUser's, for its answer); the context's database otherwise. */
  tx?: Sql;
}

/** The groups the user is a direct member of, oldest membership first, at most MAX_USER_GROUPS. */
export async function listUserGroups({ ctx, userId, tx }: ListUserGroupsOptions): Promise<UserGroupInput[]> {
  const sql = tx ?? ctx.db.sql;
  const p = new SqlParams(sql.kind);
  return sql.query<UserGroupInput>(
    `SELECT g."id" AS "id", g."displayName" AS "displayName" FROM "ScimGroupMember" m JOIN "ScimGroup" g ON g."id" = m."groupId"
      WHERE m."directoryId" = ${p.add(ctx.directoryId)} AND m."userId" = ${p.add(userId)} ORDER BY m."createdAt" ASC, m."groupId" ASC LIMIT ${MAX_USER_GROUPS}`,
    p.values,
  );
}
