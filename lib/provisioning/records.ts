// Stored rows as plain records, whichever way they were read (Prisma model or raw SQL on either database).
import type { GroupMemberInput, GroupRecordInput, UserRecordInput } from "@/lib/scim/resource/to-scim";

/** A stored user: what the SCIM mapper needs, plus its directory. */
export interface UserRecord extends UserRecordInput {
  directoryId: string;
}

export interface GroupRecord extends GroupRecordInput {
  directoryId: string;
  memberCount: number;
}

export type MemberRecord = GroupMemberInput;

type Row = Record<string, unknown>;

export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === "string" || typeof v === "number") return new Date(v);
  if (typeof v === "bigint") return new Date(Number(v));
  return new Date(NaN);
}

export function toBool(v: unknown): boolean {
  return v === true || v === 1 || v === 1n || v === "1" || v === "true";
}

function toJson(v: unknown): Record<string, unknown> {
  if (typeof v === "string") {
    try {
      const parsed = JSON.parse(v);
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch {
      return {};
    }
  }
  return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function toUserRecord(row: Row): UserRecord {
  return {
    id: String(row.id),
    directoryId: String(row.directoryId),
    userName: String(row.userName),
    externalId: str(row.externalId),
    active: toBool(row.active),
    resource: toJson(row.resource),
    profileFields: toJson(row.profileFields),
    profileFieldsSchema: str(row.profileFieldsSchema),
    version: Number(row.version),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
  };
}

export function toGroupRecord(row: Row): GroupRecord {
  return {
    id: String(row.id),
    directoryId: String(row.directoryId),
    displayName: String(row.displayName),
    externalId: str(row.externalId),
    resource: toJson(row.resource),
    memberCount: Number(row.memberCount ?? 0),
    version: Number(row.version),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
  };
}
