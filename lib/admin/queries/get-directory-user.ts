// User detail: one user of one directory (both ids must match), its groups, and its SCIM representation.
import { getDb } from "@/lib/db/client";
import { MAX_USER_GROUPS } from "@/lib/provisioning/list-user-groups";
import { toUserRecord } from "@/lib/provisioning/records";
import { toScimUser } from "@/lib/scim/resource/to-scim";

export interface DirectoryUserDetail {
  id: string;
  userName: string;
  externalId: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  primaryEmail: string | null;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  resource: Record<string, unknown>;
  profileFields: Record<string, unknown>;
  profileFieldsSchema: string | null;
  emails: { value: string; type: string | null; primary: boolean }[];
  groups: { id: string; displayName: string }[];
  groupCount: number;
  scim: Record<string, unknown>;
}

export interface GetDirectoryUserOptions {
  directoryId: string;
  userId: string;
  /** The SCIM base URL the resource's `meta.location` is built from. */
  scimBaseUrl: string;
}

export async function getDirectoryUser({ directoryId, userId, scimBaseUrl }: GetDirectoryUserOptions): Promise<DirectoryUserDetail | null> {
  const db = getDb().prisma;
  const row = await db.scimUser.findFirst({ where: { id: userId, directoryId } });
  if (!row) return null;
  const [emails, memberships, groupCount] = await Promise.all([
    db.scimUserEmail.findMany({ where: { userId, directoryId }, orderBy: { position: "asc" }, select: { value: true, type: true, primary: true } }),
    db.scimGroupMember.findMany({
      where: { directoryId, userId },
      // The order and cap of SCIM's `groups` (listUserGroups), so the page shows what a client reads.
      orderBy: [{ createdAt: "asc" }, { groupId: "asc" }],
      take: MAX_USER_GROUPS,
      select: { group: { select: { id: true, displayName: true } } },
    }),
    db.scimGroupMember.count({ where: { directoryId, userId } }),
  ]);
  const record = toUserRecord(row as unknown as Record<string, unknown>);
  const groups = memberships.map((m) => m.group);
  const scim: Record<string, unknown> = toScimUser(record, { baseUrl: scimBaseUrl }, groups);
  return {
    id: row.id,
    userName: row.userName,
    externalId: row.externalId,
    displayName: row.displayName,
    givenName: row.givenName,
    familyName: row.familyName,
    primaryEmail: row.primaryEmail,
    active: row.active,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    resource: record.resource,
    profileFields: record.profileFields,
    profileFieldsSchema: record.profileFieldsSchema,
    emails,
    groups,
    groupCount,
    scim,
  };
}
