// Where each SCIM attribute of a user or group is stored (prisma/schema.prisma), for the filter and
// sortBy compiler of lib/scim/filter: what user-storage.ts and group-storage.ts write, seen from the
// attribute side. An attribute with a column of its own here is filtered through that column's index;
// everything else is read from the "resource" JSON, profile fields from "profileFields".
import type { ResourceStorage } from "@/lib/scim/filter/storage-map";
import type { ResourceTypeName } from "@/lib/scim/schema";

const SHARED = {
  idColumn: "id",
  scopeColumn: "directoryId",
  resource: "resource",
} as const;

const COMMON_COLUMNS = {
  id: { column: "id" },
  externalId: { column: "externalId", nullable: true },
  "meta.created": { column: "createdAt" },
  "meta.lastModified": { column: "updatedAt" },
};

export const ATTRIBUTE_STORAGE: Record<ResourceTypeName, ResourceStorage> = {
  User: {
    ...SHARED,
    columns: {
      ...COMMON_COLUMNS,
      // userNameKey is NULL while a retained user is hidden; such rows do not match.
      userName: { column: "userNameKey", nullable: true, lowerCased: true },
      active: { column: "active" },
    },
    profileFields: { column: "profileFields", schemaColumn: "profileFieldsSchema" },
    elementTables: {
      // Indexed on (directoryId, valueKey); `primary` is false when not sent. The JSON keeps what the
      // table does not (display).
      emails: {
        table: "ScimUserEmail",
        owner: "userId",
        subAttributes: {
          value: { column: "valueKey", lowerCased: true },
          type: { column: "type", nullable: true },
          primary: { column: "primary" },
        },
        order: [{ column: "primary", descending: true }, { column: "position" }],
        alsoInResource: true,
      },
      // Ids are server-generated lower-case UUIDs, so the id columns serve as their own lower-cased
      // key for the case-insensitive `value`.
      groups: {
        table: "ScimGroupMember",
        owner: "userId",
        subAttributes: { value: { column: "groupId", lowerCased: true }, type: { constant: "direct" } },
        order: [{ column: "createdAt" }, { column: "groupId" }],
      },
    },
  },
  Group: {
    ...SHARED,
    columns: {
      ...COMMON_COLUMNS,
      displayName: { column: "displayNameKey", lowerCased: true },
    },
    elementTables: {
      members: {
        table: "ScimGroupMember",
        owner: "groupId",
        subAttributes: { value: { column: "userId", lowerCased: true }, type: { constant: "User" } },
        order: [{ column: "createdAt" }, { column: "userId" }],
      },
    },
  },
};
