// Request bodies identity providers send, verbatim where documented, shared by the resource and
// PATCH tests. Sources:
//   ENTRA_TUTORIAL: learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
//     ("Tutorial: Develop and plan provisioning for a SCIM endpoint in Microsoft Entra ID")
//   ENTRA_KNOWN_ISSUES: learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility
//     ("Known issues and resolutions with SCIM 2.0 protocol compliance…", flag aadOptscim062020)
import { normalizeUser } from "../resource/normalize-user";
import { toScimUser, type UserRecordInput } from "../resource/to-scim";

export const BASE_URL = "https://roster.example/api/scim/v2";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const CUSTOM = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** ENTRA_TUTORIAL "Create User" request. */
export const entraCreateUser = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
  userName: "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
  active: true,
  emails: [
    {
      primary: true,
      type: "work",
      value: "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com",
    },
  ],
  meta: {
    resourceType: "User",
  },
  name: {
    formatted: "givenName familyName",
    familyName: "familyName",
    givenName: "givenName",
  },
  roles: [],
};

/** ENTRA_TUTORIAL "Create Group" request. */
export const entraCreateGroup = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
  externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
  displayName: "displayName",
  meta: {
    resourceType: "Group",
  },
};

/** ENTRA_TUTORIAL "Update User [Multi-valued properties]". */
export const entraUpdateUserMultiValued = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [
    { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" },
    { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
  ],
};

/** ENTRA_TUTORIAL "Update User [Single-valued properties]". */
export const entraUpdateUserSingleValued = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [{ op: "Replace", path: "userName", value: "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com" }],
};

/** ENTRA_TUTORIAL "Disable User". */
export const entraDisableUser = {
  Operations: [{ op: "Replace", path: "active", value: false }],
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
};

/** ENTRA_KNOWN_ISSUES "Requests made to disable users", without the feature flag. */
export const entraDisableUserLegacy = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [{ op: "Replace", path: "active", value: "False" }],
};

/** ENTRA_KNOWN_ISSUES "Requests made to add a single-value string attribute", without the flag. */
export const entraAddSingleValueLegacy = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [{ op: "Add", path: "nickName", value: "Babs" }],
};

/** ENTRA_KNOWN_ISSUES "Requests to replace multiple attributes", without the flag. */
export const entraReplaceMultipleLegacy = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [
    { op: "Replace", path: "displayName", value: "Pvlo" },
    { op: "Replace", path: 'emails[type eq "work"].value', value: "TestBcwqnm@test.microsoft.com" },
    { op: "Replace", path: "name.givenName", value: "Gtfd" },
    { op: "Replace", path: "name.familyName", value: "Pkqf" },
    { op: "Replace", path: "externalId", value: "Eqpj" },
    { op: "Replace", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", value: "Eqpj" },
  ],
};

/** ENTRA_KNOWN_ISSUES "Requests to replace multiple attributes", with aadOptscim062020. */
export const entraReplaceMultipleFlag = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [
    { op: "replace", path: 'emails[type eq "work"].value', value: "TestMhvaes@test.microsoft.com" },
    {
      op: "replace",
      value: {
        displayName: "Bjfe",
        "name.givenName": "Kkom",
        "name.familyName": "Unua",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "Aklq",
      },
    },
  ],
};

/** ENTRA_TUTORIAL "Update Group [Non-member attributes]". */
export const entraUpdateGroupNonMember = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [{ op: "Replace", path: "displayName", value: "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName" }],
};

/** ENTRA_TUTORIAL "Update Group [Add Members]". */
export const entraAddMembers = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [{ op: "Add", path: "members", value: [{ $ref: null, value: "f648f8d5ea4e4cd38e9c" }] }],
};

/** ENTRA_TUTORIAL "Update Group [Remove Members]" (ENTRA_KNOWN_ISSUES: the shape without the flag). */
export const entraRemoveMembers = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [{ op: "Remove", path: "members", value: [{ $ref: null, value: "f648f8d5ea4e4cd38e9c" }] }],
};

/** ENTRA_KNOWN_ISSUES "Requests made to remove a group member", with aadOptscim062020. */
export const entraRemoveMemberFlag = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [{ op: "remove", path: 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]' }],
};

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
