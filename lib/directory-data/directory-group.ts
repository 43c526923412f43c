// A group as Roster hands it to consuming applications. The member list is never inlined: members
// are paged through the Directory API, and membership changes are their own events.
import { z } from "zod";
import type { GroupRecord } from "@/lib/provisioning/records";
import { toScimGroup } from "@/lib/scim/resource/to-scim";
import { isoTimestamp } from "./iso-timestamp";

export const directoryGroupSchema = z
  .object({
    id: z.string(),
    directoryId: z.string(),
    displayName: z.string(),
    externalId: z.string().nullable(),
    memberCount: z.number().int().nonnegative(),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
    /** The SCIM resource as the identity provider sent it, without members and Roster's `meta`. */
    raw: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "DirectoryGroup" });

export type DirectoryGroup = z.infer<typeof directoryGroupSchema>;

export function toDirectoryGroup(record: GroupRecord): DirectoryGroup {
  const { meta: _meta, ...raw } = toScimGroup(record, undefined, { baseUrl: "" });
  return {
    id: record.id,
    directoryId: record.directoryId,
    displayName: record.displayName,
    externalId: record.externalId,
    memberCount: record.memberCount,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    raw,
  };
}
