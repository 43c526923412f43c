// A directory as consuming applications see it: what it is, whether it is on, how big, how recent.
import { z } from "zod";
import { isoTimestamp } from "./iso-timestamp";

export const directorySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    active: z.boolean(),
    counts: z.object({ users: z.number().int().nonnegative(), groups: z.number().int().nonnegative() }),
    lastActivityAt: isoTimestamp.nullable(),
    createdAt: isoTimestamp,
  })
  .meta({ id: "Directory" });

export type DirectorySummary = z.infer<typeof directorySchema>;

export interface DirectoryRecordInput {
  id: string;
  name: string;
  type: string;
  active: boolean;
  lastActivityAt: Date | null;
  createdAt: Date;
}

export function toDirectorySummary(record: DirectoryRecordInput, counts: { users: number; groups: number }): DirectorySummary {
  return {
    id: record.id,
    name: record.name,
    type: record.type,
    active: record.active,
    counts: { users: counts.users, groups: counts.groups },
    lastActivityAt: record.lastActivityAt ? record.lastActivityAt.toISOString() : null,
    createdAt: record.createdAt.toISOString(),
  };
}
