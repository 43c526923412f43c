// A user as Roster hands it to the applications that consume the directory (the Directory API and
// the events feed): flat, typed fields first, and the SCIM resource as received under `raw`.
import { z } from "zod";
import type { UserRecord } from "@/lib/provisioning/records";
import { emailsOf, primaryEmailOf } from "@/lib/scim/resource/normalize-user";
import { isPlainObject } from "@/lib/scim/resource/json";
import { toScimUser } from "@/lib/scim/resource/to-scim";
import { isoTimestamp } from "./iso-timestamp";

export const directoryEmailSchema = z.object({
  value: z.string(),
  type: z.string().nullable(),
  primary: z.boolean(),
});

export const directoryGroupRefSchema = z.object({ id: z.string(), displayName: z.string() });

export const directoryUserSchema = z
  .object({
    id: z.string(),
    directoryId: z.string(),
    userName: z.string(),
    externalId: z.string().nullable(),
    active: z.boolean(),
    displayName: z.string().nullable(),
    name: z.object({ givenName: z.string().nullable(), familyName: z.string().nullable() }),
    emails: z.array(directoryEmailSchema),
    /** The primary email, else the first work email, else the first email. */
    primaryEmail: z.string().nullable(),
    /** Entra's `profileField_<name>` values, keyed by <name>. */
    profileFields: z.record(z.string(), z.unknown()),
    groups: z.array(directoryGroupRefSchema),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
    /** The SCIM resource as the identity provider sent it (without Roster's `meta`). */
    raw: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "DirectoryUser" });

export type DirectoryUser = z.infer<typeof directoryUserSchema>;
export type DirectoryGroupRef = z.infer<typeof directoryGroupRefSchema>;

/** A stored user and the groups it belongs to → the consumer's view of it. */
export function toDirectoryUser(record: UserRecord, groups: DirectoryGroupRef[]): DirectoryUser {
  const resource = record.resource ?? {};
  const name = isPlainObject(resource.name) ? resource.name : {};
  const emails = emailsOf(resource.emails);
  // meta (location, version) is Roster's, not the identity provider's, and needs a base URL.
  const { meta: _meta, ...raw } = toScimUser(record, { baseUrl: "" });
  return {
    id: record.id,
    directoryId: record.directoryId,
    userName: record.userName,
    externalId: record.externalId,
    active: record.active,
    displayName: stringOrNull(resource.displayName),
    name: { givenName: stringOrNull(name.givenName), familyName: stringOrNull(name.familyName) },
    emails,
    primaryEmail: primaryEmailOf(emails),
    profileFields: { ...record.profileFields },
    groups: groups.map((g) => ({ id: g.id, displayName: g.displayName })),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    raw,
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
