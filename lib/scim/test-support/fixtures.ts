// Request bodies identity providers send: the ONE source of IdP payloads for the unit tests (lib/scim),
// the integration tests (tests/integration) and the benchmark (scripts/bench). Each fixture names where
// it comes from: a section of a Microsoft document (verbatim), a public issue, or behaviour observed
// from the identity provider. The builders at the end make many distinct users and groups of the same
// shapes (the integration suites and the benchmark need unique userNames); they start from the
// fixtures, so a shape is written down once.
import type { JsonObject } from "../resource/json";
import { normalizeUser } from "../resource/normalize-user";
import { toScimUser, type UserRecordInput } from "../resource/to-scim";
import { SCHEMA_ENTERPRISE_USER, SCHEMA_ENTRA_AD_GROUP, SCHEMA_GROUP, SCHEMA_PATCH_OP, SCHEMA_USER } from "../schema";

/** learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups */
const ENTRA_TUTORIAL = "Microsoft Learn, Tutorial: Develop and plan provisioning for a SCIM endpoint in Microsoft Entra ID";
/** learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility */
const ENTRA_KNOWN_ISSUES = "Microsoft Learn, Known issues and resolutions with SCIM 2.0 protocol compliance (flag aadOptscim062020)";

export const BASE_URL = "https://roster.example/api/scim/v2";
/** A custom extension as Entra names one when an app maps attributes outside the enterprise schema. */
export const CUSTOM = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";

/** What a fixture is: which endpoint it is sent to. */
export type IdpFixtureKind = "user" | "group" | "user-patch" | "group-patch";

export interface IdpFixture {
  source: string;
  kind: IdpFixtureKind;
  body: JsonObject;
}

const patch = (...Operations: JsonObject[]) => ({ schemas: [SCHEMA_PATCH_OP], Operations });

export const IDP_FIXTURES = {
  entraCreateUser: {
    source: `${ENTRA_TUTORIAL} › Create User (request)`,
    kind: "user",
    body: {
      schemas: [SCHEMA_USER, SCHEMA_ENTERPRISE_USER],
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
      active: true,
      emails: [{ primary: true, type: "work", value: "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com" }],
      meta: { resourceType: "User" },
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
      roles: [],
    },
  },
  entraCreateGroup: {
    source: `${ENTRA_TUTORIAL} › Create Group (request)`,
    kind: "group",
    body: {
      schemas: [SCHEMA_GROUP, SCHEMA_ENTRA_AD_GROUP],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "displayName",
      meta: { resourceType: "Group" },
    },
  },
  entraUpdateUserMultiValued: {
    source: `${ENTRA_TUTORIAL} › Update User [Multi-valued properties]`,
    kind: "user-patch",
    body: patch({ op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" }, { op: "Replace", path: "name.familyName", value: "updatedFamilyName" }),
  },
  entraUpdateUserSingleValued: {
    source: `${ENTRA_TUTORIAL} › Update User [Single-valued properties]`,
    kind: "user-patch",
    body: patch({ op: "Replace", path: "userName", value: "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com" }),
  },
  entraDisableUser: {
    source: `${ENTRA_TUTORIAL} › Disable User`,
    kind: "user-patch",
    body: { Operations: [{ op: "Replace", path: "active", value: false }], schemas: [SCHEMA_PATCH_OP] },
  },
  entraDisableUserLegacy: {
    source: `${ENTRA_KNOWN_ISSUES} › Requests made to disable users (without the flag: "False" as a string)`,
    kind: "user-patch",
    body: patch({ op: "Replace", path: "active", value: "False" }),
  },
  entraAddSingleValueLegacy: {
    source: `${ENTRA_KNOWN_ISSUES} › Requests made to add a single-value string attribute (without the flag)`,
    kind: "user-patch",
    body: patch({ op: "Add", path: "nickName", value: "Babs" }),
  },
  entraReplaceMultipleLegacy: {
    source: `${ENTRA_KNOWN_ISSUES} › Requests to replace multiple attributes (without the flag)`,
    kind: "user-patch",
    body: patch(
      { op: "Replace", path: "displayName", value: "Pvlo" },
      { op: "Replace", path: 'emails[type eq "work"].value', value: "TestBcwqnm@test.microsoft.com" },
      { op: "Replace", path: "name.givenName", value: "Gtfd" },
      { op: "Replace", path: "name.familyName", value: "Pkqf" },
      { op: "Replace", path: "externalId", value: "Eqpj" },
      { op: "Replace", path: `${SCHEMA_ENTERPRISE_USER}:employeeNumber`, value: "Eqpj" },
    ),
  },
  entraReplaceMultipleFlag: {
    source: `${ENTRA_KNOWN_ISSUES} › Requests to replace multiple attributes (with the flag: one path-less replace)`,
    kind: "user-patch",
    body: patch(
      { op: "replace", path: 'emails[type eq "work"].value', value: "TestMhvaes@test.microsoft.com" },
      { op: "replace", value: { displayName: "Bjfe", "name.givenName": "Kkom", "name.familyName": "Unua", [`${SCHEMA_ENTERPRISE_USER}:employeeNumber`]: "Aklq" } },
    ),
  },
  entraAddManagerString: {
    source: "Entra ID provisioning (observed): the manager as the manager's id, a plain string, not RFC 7643 §4.3's complex value",
    kind: "user-patch",
    body: patch({ op: "Add", path: `${SCHEMA_ENTERPRISE_USER}:manager`, value: "26118915-6090-4610-87e4-49d8ca9f808d" }),
  },
  entraClearManager: {
    source: 'Entra ID provisioning (observed): "" when the manager is removed in Entra',
    kind: "user-patch",
    body: patch({ op: "Replace", path: `${SCHEMA_ENTERPRISE_USER}:manager`, value: "" }),
  },
  microsoftSdkManagerArray: {
    source: 'MicrosoftDocs/azure-docs#42220: Microsoft\'s SCIM SDK wraps a single value as [{"$ref":null,"value":…}]',
    kind: "user-patch",
    body: patch({ op: "Replace", path: `${SCHEMA_ENTERPRISE_USER}:manager`, value: [{ $ref: null, value: "26118915-6090-4610-87e4-49d8ca9f808d" }] }),
  },
  entraUpdateGroupNonMember: {
    source: `${ENTRA_TUTORIAL} › Update Group [Non-member attributes]`,
    kind: "group-patch",
    body: patch({ op: "Replace", path: "displayName", value: "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName" }),
  },
  entraAddMembers: {
    source: `${ENTRA_TUTORIAL} › Update Group [Add Members]`,
    kind: "group-patch",
    body: patch({ op: "Add", path: "members", value: [{ $ref: null, value: "f648f8d5ea4e4cd38e9c" }] }),
  },
  entraRemoveMembers: {
    source: `${ENTRA_TUTORIAL} › Update Group [Remove Members] (${ENTRA_KNOWN_ISSUES}: the shape without the flag)`,
    kind: "group-patch",
    body: patch({ op: "Remove", path: "members", value: [{ $ref: null, value: "f648f8d5ea4e4cd38e9c" }] }),
  },
  entraRemoveMemberFlag: {
    source: `${ENTRA_KNOWN_ISSUES} › Requests made to remove a group member (with the flag)`,
    kind: "group-patch",
    body: patch({ op: "remove", path: 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]' }),
  },
} satisfies Record<string, IdpFixture>;

export type IdpFixtureName = keyof typeof IDP_FIXTURES;

/** A fixture's body, as a fresh copy that a test may change. */
export function idpPayload<N extends IdpFixtureName>(name: N): (typeof IDP_FIXTURES)[N]["body"] {
  return structuredClone(IDP_FIXTURES[name].body);
}

// ---------------------------------------------------------------------------------------------
// Builders: many distinct users and groups in the fixtures' shapes.
// ---------------------------------------------------------------------------------------------

/** Entra's Create User with its own userName (and externalId and work email derived from it). */
export function entraUser(userName: string, extra: JsonObject = {}): JsonObject {
  return {
    ...idpPayload("entraCreateUser"),
    externalId: `ext-${userName}`,
    userName,
    emails: [{ primary: true, type: "work", value: `${userName}@contoso.example` }],
    name: { formatted: "Given Family", familyName: "Family", givenName: "Given" },
    ...extra,
  };
}

/** Entra's Create Group for the i-th of many groups. */
export function nthGroup(i: number) {
  return { ...idpPayload("entraCreateGroup"), externalId: `group-${String(i).padStart(5, "0")}-5d1f9c3e-2b7a-4c61-8e0d-3f4a5b6c7d8e`, displayName: `Group ${i}` };
}

/** Entra's Update Group [Add Members] for these user ids. */
export function entraAddMembers(userIds: string[]): JsonObject {
  return patch({ ...IDP_FIXTURES.entraAddMembers.body.Operations[0], value: userIds.map((value) => ({ $ref: null, value })) });
}

/** Entra's Update Group [Remove Members] for these user ids. */
export function entraRemoveMembers(userIds: string[]): JsonObject {
  return patch({ ...IDP_FIXTURES.entraRemoveMembers.body.Operations[0], value: userIds.map((value) => ({ $ref: null, value })) });
}

/** One Entra-style PATCH operation (capitalised op name, as Entra sends it). */
export function entraPatch(op: "Add" | "Replace" | "Remove", path: string, value?: unknown): JsonObject {
  return patch(value === undefined ? { op, path } : { op, path, value: value as JsonObject });
}

/** The identity of the i-th of many users; the prefix keeps populations (bulk, seeded, HTTP) apart. */
export interface NthUser {
  userName: string;
  externalId: string;
  email: string;
}

export function nthUser(prefix: string, i: number): NthUser {
  const n = String(i).padStart(6, "0");
  return {
    userName: `${prefix}.user${n}@contoso.example`,
    externalId: `${prefix}-${n}-7b6c1f0e-3c2a-4e8d-9f11-${n.padStart(12, "0")}`,
    email: `${prefix}.mail${n}@mail.contoso.example`,
  };
}

const CITIES = ["Amsterdam", "Berlin", "Lisbon", "Oslo", "Prague", "Seattle", "Tokyo", "Toronto"];
const DEPARTMENTS = ["Engineering", "Finance", "Marketing", "Operations", "Sales", "Support"];

/**
 * Entra's Create User for an app whose mapping also sends title, a work address, the enterprise
 * employeeNumber/department/costCenter and a profile field in a custom extension (what the benchmark
 * provisions: a realistic row, not the tutorial's minimal one).
 */
export function entraMappedUser(u: NthUser, i: number): JsonObject {
  const city = CITIES[i % CITIES.length];
  return {
    ...idpPayload("entraCreateUser"),
    schemas: [SCHEMA_USER, SCHEMA_ENTERPRISE_USER, CUSTOM],
    externalId: u.externalId,
    userName: u.userName,
    displayName: `Given${i} Family${i}`,
    emails: [{ primary: true, type: "work", value: u.email }],
    name: { formatted: `Given${i} Family${i}`, familyName: `Family${i}`, givenName: `Given${i}` },
    title: "Engineer",
    addresses: [{ type: "work", country: "NL", locality: city, primary: true }],
    [SCHEMA_ENTERPRISE_USER]: { employeeNumber: String(100000 + i), department: DEPARTMENTS[i % DEPARTMENTS.length], costCenter: `CC-${i % 50}` },
    [CUSTOM]: { profileField_city: city },
  };
}

// ---------------------------------------------------------------------------------------------
// Stored forms, for the unit tests of the mapping and PATCH.
// ---------------------------------------------------------------------------------------------

/** A stored record as the storage layer would hand it over. */
export function userRecord(body: unknown, overrides: Partial<UserRecordInput> = {}): UserRecordInput {
  const n = normalizeUser(body, { mode: "create" });
  return {
    id: "5171a35d82074e068ce2",
    userName: n.userName,
    externalId: n.externalId,
    active: n.active,
    resource: n.resource,
    profileFields: n.profileFields,
    profileFieldsSchema: n.profileFieldsSchema,
    version: 3,
    createdAt: new Date("2018-03-27T19:59:26.000Z"),
    updatedAt: new Date("2018-03-28T10:00:00.000Z"),
    ...overrides,
  };
}

/** The full SCIM JSON of a user created from `body` (what PATCH is applied to). */
export function scimUser(body: unknown): Record<string, unknown> {
  return toScimUser(userRecord(body), { baseUrl: BASE_URL });
}
