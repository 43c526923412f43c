// Request bodies shaped like Microsoft Entra ID's provisioning traffic (its SCIM tutorial and the
// recorded fixtures in lib/scim/test-support): the enterprise extension, a custom extension carrying a
// profile field, PATCH ops with capitalised names and "False" as a string.

export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const CUSTOM_EXT = "urn:ietf:params:scim:schemas:extension:CustomExt:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

const CITIES = ["Amsterdam", "Berlin", "Lisbon", "Oslo", "Prague", "Seattle", "Tokyo", "Toronto"];
const DEPARTMENTS = ["Engineering", "Finance", "Marketing", "Operations", "Sales", "Support"];

export interface BenchUser {
  /** Unique per run (prefix keeps the bulk-inserted, seeded and HTTP-created populations apart). */
  userName: string;
  externalId: string;
  email: string;
}

export function benchUser(prefix: string, i: number): BenchUser {
  const n = String(i).padStart(6, "0");
  return {
    userName: `${prefix}.user${n}@contoso.example`,
    externalId: `${prefix}-${n}-7b6c1f0e-3c2a-4e8d-9f11-${n.padStart(12, "0")}`,
    email: `${prefix}.mail${n}@mail.contoso.example`,
  };
}

export function createUserBody(u: BenchUser, i: number) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE, CUSTOM_EXT],
    externalId: u.externalId,
    userName: u.userName,
    active: true,
    displayName: `Given${i} Family${i}`,
    emails: [{ primary: true, type: "work", value: u.email }],
    meta: { resourceType: "User" },
    name: { formatted: `Given${i} Family${i}`, familyName: `Family${i}`, givenName: `Given${i}` },
    title: "Engineer",
    addresses: [{ type: "work", country: "NL", locality: CITIES[i % CITIES.length], primary: true }],
    [ENTERPRISE]: { employeeNumber: String(100000 + i), department: DEPARTMENTS[i % DEPARTMENTS.length], costCenter: `CC-${i % 50}` },
    [CUSTOM_EXT]: { profileField_city: CITIES[i % CITIES.length] },
    roles: [],
  };
}

export function createGroupBody(i: number) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
    externalId: `group-${String(i).padStart(5, "0")}-5d1f9c3e-2b7a-4c61-8e0d-3f4a5b6c7d8e`,
    displayName: `Bench group ${i}`,
    meta: { resourceType: "Group" },
  };
}

export function addMembersBody(userIds: string[]) {
  return { schemas: [PATCH_OP], Operations: [{ op: "Add", path: "members", value: userIds.map((value) => ({ value })) }] };
}

export function removeMembersBody(userIds: string[]) {
  return { schemas: [PATCH_OP], Operations: [{ op: "Remove", path: "members", value: userIds.map((value) => ({ value })) }] };
}

export function replaceFamilyNameBody(familyName: string) {
  return { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "name.familyName", value: familyName }] };
}

export function replaceWorkEmailBody(email: string) {
  return { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: 'emails[type eq "work"].value', value: email }] };
}

/** Entra disables with a string "False" (a known quirk, see lib/scim/patch). */
export function deactivateBody() {
  return { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] };
}
