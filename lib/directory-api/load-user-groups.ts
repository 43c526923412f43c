import type { SqlExecutor } from "@/lib/db/client";
import type { DirectoryGroupRef } from "@/lib/directory-data";
import { SqlParams } from "@/lib/db/sql";

export interface LoadUserGroupsOptions {
  sql: SqlExecutor;
  directoryId: string;
  userIds: readonly string[];
}

/** The groups each user is a direct member of, in the order they joined; one statement for a page of users. */
export async function loadUserGroups({ sql, directoryId, userIds }: LoadUserGroupsOptions): Promise<Map<string, DirectoryGroupRef[]>> {
  const out = new Map<string, DirectoryGroupRef[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return out;
  const p = new SqlParams(sql.kind);
  // ScimGroupMember (userId, directoryId) is indexed: one seek per user.
  const rows = await sql.query<{ userId: string; id: string; displayName: string }>(
    `SELECT m."userId" AS "userId", g."id" AS "id", g."displayName" AS "displayName"
       FROM "ScimGroupMember" m JOIN "ScimGroup" g ON g."id" = m."groupId"
      WHERE m."directoryId" = ${p.add(directoryId)} AND g."directoryId" = ${p.add(directoryId)} AND m."userId" IN ${p.list(userIds)}
      ORDER BY m."createdAt" ASC, m."groupId" ASC`,
    p.values,
  );
  for (const r of rows) out.get(r.userId)?.push({ id: r.id, displayName: r.displayName });
  return out;
}
