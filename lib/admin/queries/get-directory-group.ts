// Group detail: one group of one directory (both ids must match).
import { getDb } from "@/lib/db/client";

export interface GetDirectoryGroupOptions {
  directoryId: string;
  groupId: string;
}

export interface DirectoryGroupDetail {
  id: string;
  displayName: string;
  externalId: string | null;
  memberCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  resource: Record<string, unknown>;
}

export async function getDirectoryGroup({ directoryId, groupId }: GetDirectoryGroupOptions): Promise<DirectoryGroupDetail | null> {
  const row = await getDb().prisma.scimGroup.findFirst({
    where: { id: groupId, directoryId },
    select: { id: true, displayName: true, externalId: true, memberCount: true, version: true, createdAt: true, updatedAt: true, resource: true },
  });
  if (!row) return null;
  const resource = row.resource && typeof row.resource === "object" && !Array.isArray(row.resource) ? (row.resource as Record<string, unknown>) : {};
  return { ...row, resource };
}
