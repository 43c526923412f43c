// Test fixtures shared by the filter tests: a small directory of users and groups, as SCIM resources
// (what clients see, for evaluateFilter) and as what was received, which
// tests/support/filter-test-database.ts stores in Roster's tables to run compileFilterSql on SQLite
// and PostgreSQL. One source of truth, so the three agree.
import { SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP, SCHEMA_USER } from "../schema";

export const CUSTOM_EXT = "urn:ietf:params:scim:schemas:extension:CustomExt:2.0:User";
/** The directory every fixture row belongs to. */
export const FIXTURE_DIRECTORY = "dir-1";

export interface UserFixture {
  id: string;
  created: string;
  lastModified: string;
  /** Everything the client sent (stored in ScimUser."resource"), without id/meta. */
  resource: Record<string, unknown>;
  /** profileField_<name> values, and where the client put them (top-level or under CUSTOM_EXT). */
  profileFields?: Record<string, string>;
  profileFieldsUnder?: string;
}

export interface GroupFixture {
  id: string;
  displayName: string;
  externalId?: string;
  created: string;
  members: string[];
}

export const USERS: UserFixture[] = [
  {
    // RFC 7643 §8.2 (full enterprise user), trimmed.
    id: "u-bjensen",
    created: "2010-01-23T04:56:22Z",
    lastModified: "2011-05-13T04:42:34Z",
    resource: {
      schemas: [SCHEMA_USER, SCHEMA_ENTERPRISE_USER],
      userName: "bjensen",
      externalId: "701984",
      name: { formatted: "Ms. Barbara J Jensen, III", familyName: "Jensen", givenName: "Barbara" },
      displayName: "Babs Jensen",
      nickName: "Babs",
      title: "Tour Guide",
      userType: "Employee",
      active: true,
      emails: [
        { value: "bjensen@example.com", type: "work", primary: true },
        { value: "babs@jensen.org", type: "home", primary: false },
      ],
      phoneNumbers: [
        { value: "555-555-5555", type: "work" },
        { value: "555-555-4444", type: "mobile" },
      ],
      ims: [{ value: "someaimhandle", type: "aim" }],
      addresses: [
        { type: "work", locality: "Hollywood", country: "USA", primary: true },
        { type: "home", locality: "Hollywood", country: "USA" },
      ],
      [SCHEMA_ENTERPRISE_USER]: {
        employeeNumber: "701984",
        costCenter: "4130",
        organization: "Universal Studios",
        department: "Tour Operations",
        manager: { value: "u-omalley", displayName: "Mike O'Malley" },
      },
    },
  },
  {
    id: "u-omalley",
    created: "2011-06-01T10:00:00Z",
    lastModified: "2012-01-01T00:00:00.500Z",
    resource: {
      schemas: [SCHEMA_USER, SCHEMA_ENTERPRISE_USER],
      userName: "momalley",
      externalId: "ext-OM",
      name: { familyName: "O'Malley", givenName: "Michael" },
      displayName: "Mike O'Malley",
      title: "Manager",
      userType: "Contractor",
      active: false,
      emails: [{ value: "Mike.OMalley@Example.ORG", type: "work", primary: true }],
      ims: [{ value: "mo@foo.com", type: "xmpp" }],
      [SCHEMA_ENTERPRISE_USER]: { employeeNumber: "1002", department: "Management" },
    },
  },
  {
    // As Microsoft Entra ID provisions a user, with a custom attribute mapped to profileField_city.
    id: "u-entra",
    created: "2024-03-01T12:00:00.123Z",
    lastModified: "2024-03-02T08:30:00Z",
    resource: {
      schemas: [SCHEMA_USER, SCHEMA_ENTERPRISE_USER, CUSTOM_EXT],
      userName: "AlexW@contoso.onmicrosoft.com",
      externalId: "AlexW",
      name: { givenName: "Alex", familyName: "Wilber" },
      displayName: "Alex Wilber",
      userType: "Member",
      active: true,
      emails: [{ value: "AlexW@contoso.com", type: "work", primary: true }],
      phoneNumbers: [{ value: "+1 425 555 0109", type: "mobile" }],
      addresses: [{ type: "work", locality: "Redmond", postalCode: "98052", country: "US" }],
      [SCHEMA_ENTERPRISE_USER]: { employeeNumber: "E-100_%", department: "Sales", manager: { value: "u-bjensen" } },
    },
    profileFields: { city: "Berlin" },
    profileFieldsUnder: CUSTOM_EXT,
  },
  {
    // Empty values: "" and {} and [] are not "present" (RFC 7644 §3.4.2.2 pr).
    id: "u-sparse",
    created: "2025-01-01T00:00:00Z",
    lastModified: "2025-01-01T00:00:00Z",
    resource: { schemas: [SCHEMA_USER], userName: "sparse", title: "", name: {}, emails: [], active: true },
  },
  {
    id: "u-roles",
    created: "2025-06-15T09:00:00Z",
    lastModified: "2025-06-16T09:00:00Z",
    resource: {
      schemas: [SCHEMA_USER],
      userName: "r.ops",
      externalId: "EXT-roles",
      displayName: "Ops Robot",
      title: "SRE",
      userType: "employee",
      active: false,
      emails: [
        { value: "ops@example.com", type: "other", primary: false },
        { value: "ops+alerts@example.net", type: "work", primary: true },
      ],
      roles: [{ value: "admin", primary: true }, { value: "Auditor" }],
      addresses: [{ locality: "Zürich", type: "home" }],
    },
    profileFields: { city: "Paris", cost_center: "CC-9" },
  },
  {
    // Non-ASCII, plus malformed data a filter must survive: phoneNumbers is an object, not an
    // array (matches nothing), and ims holds a bare string (ignored).
    id: "u-unicode",
    created: "2026-11-29T02:48:51.803Z",
    lastModified: "2026-11-29T02:48:51.803Z",
    resource: {
      schemas: [SCHEMA_USER],
      userName: "Élodie.Dupont",
      displayName: "Élodie Dupont",
      title: "Ingénieure",
      userType: "Employee",
      active: true,
      emails: [{ value: "elodie@exemple.fr", type: "work", primary: true, display: "Élodie (work)" }],
      phoneNumbers: { value: "1" },
      ims: ["legacy-handle", { value: "elo@foo.com", type: "xmpp" }],
    },
  },
];

export const GROUPS: GroupFixture[] = [
  { id: "g-a", displayName: "Group A", externalId: "GA-1", created: "2020-01-01T00:00:00Z", members: ["u-bjensen", "u-entra"] },
  { id: "g-b", displayName: "group b", created: "2021-01-01T00:00:00Z", members: [] },
  { id: "g-eng", displayName: "Engineering", externalId: "eng", created: "2022-01-01T00:00:00Z", members: ["u-omalley", "u-roles"] },
];

const userById = new Map(USERS.map((u) => [u.id, u]));

// ---------------------------------------------------------------------------------------------
// As clients see them (evaluateFilter)
// ---------------------------------------------------------------------------------------------

export function scimUser(user: UserFixture): Record<string, unknown> {
  const groups = GROUPS.filter((g) => g.members.includes(user.id)).map((g) => ({ value: g.id, display: g.displayName, type: "direct" }));
  const profile = Object.fromEntries(Object.entries(user.profileFields ?? {}).map(([k, v]) => [`profileField_${k}`, v]));
  return {
    id: user.id,
    ...user.resource,
    ...(user.profileFieldsUnder ? { [user.profileFieldsUnder]: profile } : profile),
    ...(groups.length ? { groups } : {}),
    meta: { resourceType: "User", created: user.created, lastModified: user.lastModified, location: `https://roster.test/scim/v2/Users/${user.id}` },
  };
}

export function scimGroup(group: GroupFixture): Record<string, unknown> {
  return {
    schemas: [SCHEMA_GROUP],
    id: group.id,
    displayName: group.displayName,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    members: group.members.map((id) => ({ value: id, display: userById.get(id)?.resource.displayName, type: "User" })),
    meta: { resourceType: "Group", created: group.created, lastModified: group.created },
  };
}

// ---------------------------------------------------------------------------------------------
// Filters and the resources they select (shared by the evaluator and SQL tests)
// ---------------------------------------------------------------------------------------------

const B = "u-bjensen";
const O = "u-omalley";
const E = "u-entra";
const S = "u-sparse";
const R = "u-roles";
const U = "u-unicode";
const ALL_USERS = [B, O, E, S, R, U];
const ENT = SCHEMA_ENTERPRISE_USER;

export interface FilterCase {
  /** Where the filter comes from: an RFC section, an identity provider, or the edge it covers. */
  source: string;
  filter: string;
  expected: string[];
}

export const USER_CASES: FilterCase[] = [
  // RFC 7644 §3.4.2.2, the example filters (Figure 2 area), in order.
  { source: "RFC 7644 §3.4.2.2", filter: 'userName eq "bjensen"', expected: [B] },
  { source: "RFC 7644 §3.4.2.2", filter: `name.familyName co "O'Malley"`, expected: [O] },
  { source: "RFC 7644 §3.4.2.2", filter: 'userName sw "J"', expected: [] },
  { source: "RFC 7644 §3.4.2.2", filter: 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', expected: [] },
  { source: "RFC 7644 §3.4.2.2", filter: "title pr", expected: [B, O, R, U] },
  { source: "RFC 7644 §3.4.2.2", filter: 'meta.lastModified gt "2011-05-13T04:42:34Z"', expected: [O, E, S, R, U] },
  { source: "RFC 7644 §3.4.2.2", filter: 'meta.lastModified ge "2011-05-13T04:42:34Z"', expected: ALL_USERS },
  { source: "RFC 7644 §3.4.2.2", filter: 'meta.lastModified lt "2011-05-13T04:42:34Z"', expected: [] },
  { source: "RFC 7644 §3.4.2.2", filter: 'meta.lastModified le "2011-05-13T04:42:34Z"', expected: [B] },
  { source: "RFC 7644 §3.4.2.2", filter: 'title pr and userType eq "Employee"', expected: [B, R, U] },
  { source: "RFC 7644 §3.4.2.2", filter: 'title pr or userType eq "Intern"', expected: [B, O, R, U] },
  { source: "RFC 7644 §3.4.2.2", filter: `schemas eq "${ENT}"`, expected: [B, O, E] },
  {
    source: "RFC 7644 §3.4.2.2",
    filter: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    expected: [B, R],
  },
  {
    source: "RFC 7644 §3.4.2.2",
    filter: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    expected: [E, S],
  },
  { source: "RFC 7644 §3.4.2.2", filter: 'userType eq "Employee" and (emails.type eq "work")', expected: [B, R, U] },
  {
    source: "RFC 7644 §3.4.2.2",
    filter: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    expected: [B],
  },
  {
    source: "RFC 7644 §3.4.2.2",
    filter: 'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    expected: [B, O, U],
  },

  // Microsoft Entra ID: Test Connection probes a random GUID; then lookups by userName / externalId.
  { source: "Entra ID test connection", filter: 'userName eq "7ca9f7c5-6d4e-4a83-9b0f-2d1c0e6a5b3f"', expected: [] },
  { source: "Entra ID", filter: 'userName eq "AlexW@contoso.onmicrosoft.com"', expected: [E] },
  { source: "Entra ID (case-insensitive userName)", filter: 'userName eq "alexw@CONTOSO.onmicrosoft.com"', expected: [E] },
  { source: "Entra ID", filter: 'externalId eq "AlexW"', expected: [E] },
  { source: "Entra ID", filter: 'emails[type eq "work"].value eq "ops+alerts@example.net"', expected: [R] },
  { source: "Okta", filter: 'userName eq "bjensen" or userName eq "momalley"', expected: [B, O] },

  // Case sensitivity (RFC 7643 §2.1, §3.1): userName is not caseExact, externalId and id are.
  { source: "caseExact", filter: 'userName eq "BJENSEN"', expected: [B] },
  { source: "caseExact", filter: 'userName eq "élodie.dupont"', expected: [U] },
  { source: "caseExact", filter: 'externalId eq "alexw"', expected: [] },
  { source: "caseExact", filter: 'externalId co "OM"', expected: [O] },
  { source: "caseExact", filter: 'externalId co "om"', expected: [] },
  { source: "caseExact", filter: 'externalId sw "EXT"', expected: [R] },
  { source: "caseExact", filter: 'externalId sw "ext"', expected: [O] },
  { source: "caseExact", filter: 'externalId ew "-roles"', expected: [R] },
  { source: "caseExact", filter: 'externalId ew "-ROLES"', expected: [] },
  { source: "caseExact", filter: 'id eq "u-bjensen"', expected: [B] },
  { source: "caseExact", filter: 'id eq "U-BJENSEN"', expected: [] },
  { source: "caseExact", filter: 'displayName eq "babs jensen"', expected: [B] },
  { source: "caseExact", filter: 'meta.resourceType eq "User"', expected: ALL_USERS },
  { source: "caseExact", filter: 'meta.resourceType eq "Group"', expected: [] },

  // Absent values: ne, not and null (Roster: ne ≡ not eq; eq null ≡ not pr).
  { source: "absent", filter: "externalId pr", expected: [B, O, E, R] },
  { source: "absent", filter: "externalId eq null", expected: [S, U] },
  { source: "absent", filter: "externalId ne null", expected: [B, O, E, R] },
  { source: "absent", filter: "not (externalId pr)", expected: [S, U] },
  { source: "absent", filter: 'externalId ne "AlexW"', expected: [B, O, S, R, U] },
  { source: "absent", filter: "not (userType pr)", expected: [S] },
  { source: "absent", filter: "userType eq null", expected: [S] },
  { source: "absent", filter: 'not (userType eq "Employee")', expected: [O, E, S] },
  { source: "absent", filter: 'emails.type ne "work"', expected: [S] },
  { source: "absent", filter: "name pr", expected: [B, O, E] },
  { source: "absent", filter: "x509Certificates pr", expected: [] },
  { source: "absent", filter: "meta.created pr", expected: ALL_USERS },

  // Booleans.
  { source: "boolean", filter: "active eq true", expected: [B, E, S, U] },
  { source: "boolean", filter: "active eq false", expected: [O, R] },
  { source: "boolean", filter: "active ne true", expected: [O, R] },
  { source: "boolean", filter: "emails.primary eq true", expected: [B, O, E, R, U] },
  { source: "boolean", filter: "roles.primary eq true", expected: [R] },
  { source: "boolean", filter: "addresses[primary eq true]", expected: [B] },

  // dateTime (RFC 7643 §2.3.5): instants, any offset.
  { source: "dateTime", filter: 'meta.created gt "2024-03-01T12:00:00Z"', expected: [E, S, R, U] },
  { source: "dateTime", filter: 'meta.created eq "2024-03-01T12:00:00.123Z"', expected: [E] },
  { source: "dateTime", filter: 'meta.created ge "2024-03-01"', expected: [E, S, R, U] },
  { source: "dateTime", filter: 'meta.lastModified eq "2012-01-01T01:00:00.500+01:00"', expected: [O] },
  { source: "dateTime", filter: 'meta.created lt "2011-06-01T10:00:00Z" or meta.created gt "2026-01-01T00:00:00Z"', expected: [B, U] },

  // Strings, substrings, ordering; LIKE wildcards in values are literal.
  { source: "string", filter: 'name.givenName sw "al"', expected: [E] },
  { source: "string", filter: 'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName eq "barbara"', expected: [B] },
  { source: "string", filter: 'nickName eq "babs"', expected: [B] },
  { source: "string", filter: 'title co "é"', expected: [U] },
  { source: "string", filter: 'userName gt "m"', expected: [O, S, R, U] },
  { source: "string", filter: 'title lt "n"', expected: [O, S, U] },
  { source: "string", filter: 'userType eq "employee" or userType eq "member"', expected: [B, E, R, U] },
  { source: "string", filter: `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber co "0_"`, expected: [E] },
  { source: "string", filter: `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber ew "%"`, expected: [E] },

  // Enterprise extension (RFC 7643 §4.3) and custom profile fields.
  { source: "enterprise", filter: `${ENT}:employeeNumber eq "701984"`, expected: [B] },
  { source: "enterprise", filter: `${ENT}:employeeNumber eq 701984`, expected: [B] },
  { source: "enterprise", filter: `${ENT}:department eq "sales"`, expected: [E] },
  { source: "enterprise", filter: `${ENT}:manager.value eq "u-bjensen"`, expected: [E] },
  { source: "enterprise", filter: `${ENT}:manager eq "u-omalley"`, expected: [B] },
  { source: "enterprise", filter: `${ENT}:manager[value eq "u-bjensen"]`, expected: [E] },
  { source: "enterprise", filter: `${ENT}:employeeNumber pr`, expected: [B, O, E] },
  { source: "profile field", filter: 'profileField_city eq "berlin"', expected: [E] },
  { source: "profile field", filter: `${CUSTOM_EXT}:profileField_city eq "Paris"`, expected: [R] },
  { source: "profile field", filter: "profileField_city pr", expected: [E, R] },
  { source: "profile field", filter: "profileField_cost_center pr", expected: [R] },
  { source: "profile field", filter: "profileField_missing pr", expected: [] },
  { source: "schemas", filter: `schemas eq "${CUSTOM_EXT}"`, expected: [E] },

  // Multi-valued attributes: any value matches; valuePath matches one element.
  { source: "multi-valued", filter: 'emails.value eq "alexw@contoso.com"', expected: [E] },
  { source: "multi-valued", filter: 'emails eq "ALEXW@CONTOSO.COM"', expected: [E] },
  { source: "multi-valued", filter: 'emails.type eq "home"', expected: [B] },
  { source: "multi-valued", filter: 'emails[type eq "work"].value co "example"', expected: [B, O, R] },
  { source: "multi-valued", filter: 'emails[primary eq true and value ew ".org"]', expected: [O] },
  { source: "multi-valued", filter: 'emails.primary eq true and emails.value ew ".org"', expected: [B, O] },
  { source: "multi-valued", filter: "emails pr", expected: [B, O, E, R, U] },
  { source: "multi-valued", filter: "not (emails pr)", expected: [S] },
  { source: "multi-valued", filter: 'emails[display co "work"]', expected: [U] },
  { source: "multi-valued", filter: 'emails[not (type eq "work")]', expected: [B, R] },
  { source: "multi-valued", filter: 'phoneNumbers[type eq "mobile"]', expected: [B, E] },
  { source: "multi-valued", filter: "phoneNumbers pr", expected: [B, E] },
  { source: "multi-valued", filter: 'phoneNumbers.value sw "+1"', expected: [E] },
  { source: "multi-valued", filter: 'ims[type eq "xmpp"]', expected: [O, U] },
  { source: "multi-valued", filter: "ims pr", expected: [B, O, U] },
  { source: "multi-valued", filter: 'addresses.locality eq "hollywood"', expected: [B] },
  { source: "multi-valued", filter: 'addresses[type eq "work" and country eq "US"]', expected: [E] },
  { source: "multi-valued", filter: 'addresses.locality sw "z"', expected: [R] },
  { source: "multi-valued", filter: 'roles eq "admin"', expected: [R] },
  { source: "multi-valued", filter: 'roles[value eq "auditor"]', expected: [R] },
  { source: "multi-valued", filter: 'groups eq "g-a"', expected: [B, E] },
  { source: "multi-valued", filter: 'groups[value eq "g-eng"]', expected: [O, R] },
  { source: "multi-valued", filter: "groups pr", expected: [B, O, E, R] },
  { source: "multi-valued", filter: 'groups.type eq "direct"', expected: [B, O, E, R] },
  { source: "complex", filter: 'name[givenName eq "Alex" and familyName eq "Wilber"]', expected: [E] },
  { source: "complex", filter: "name[not (givenName pr)]", expected: [S] },

  // Grammar: precedence, keyword case, parentheses.
  { source: "precedence", filter: 'title pr and not userType eq "Employee" or userName eq "sparse"', expected: [O, S] },
  { source: "precedence", filter: 'NOT (title PR) AND userName SW "a"', expected: [E] },
  { source: "precedence", filter: '(((userName eq "bjensen")))', expected: [B] },
  { source: "precedence", filter: 'userName eq "sparse" or title pr and userType eq "Contractor"', expected: [O, S] },
  { source: "precedence", filter: '(userName eq "sparse" or title pr) and userType eq "Contractor"', expected: [O] },
];

const GA = "g-a";
const GB = "g-b";
const GE = "g-eng";

export const GROUP_CASES: FilterCase[] = [
  { source: "Entra ID", filter: 'displayName eq "Group A"', expected: [GA] },
  { source: "Entra ID", filter: 'externalId eq "GA-1"', expected: [GA] },
  { source: "Entra ID (membership check)", filter: 'id eq "g-a" and members[value eq "u-bjensen"]', expected: [GA] },
  { source: "Entra ID (membership check)", filter: 'id eq "g-a" and members[value eq "u-omalley"]', expected: [] },
  { source: "caseExact", filter: 'displayName eq "GROUP B"', expected: [GB] },
  { source: "caseExact", filter: 'externalId eq "ga-1"', expected: [] },
  { source: "multi-valued", filter: 'members eq "u-roles"', expected: [GE] },
  { source: "multi-valued", filter: 'members.value eq "U-ROLES"', expected: [GE] },
  { source: "multi-valued", filter: "members pr", expected: [GA, GE] },
  { source: "multi-valued", filter: "not (members pr)", expected: [GB] },
  { source: "multi-valued", filter: 'members[type eq "User"]', expected: [GA, GE] },
  { source: "string", filter: 'displayName co "group"', expected: [GA, GB] },
  { source: "string", filter: 'displayName sw "eng"', expected: [GE] },
  { source: "string", filter: 'displayName gt "f"', expected: [GA, GB] },
  { source: "dateTime", filter: 'meta.created gt "2020-06-01T00:00:00Z"', expected: [GB, GE] },
  { source: "constant", filter: 'meta.resourceType eq "Group"', expected: [GA, GB, GE] },
  { source: "schemas", filter: `schemas eq "${SCHEMA_GROUP}"`, expected: [GA, GB, GE] },
  { source: "absent", filter: "externalId pr", expected: [GA, GE] },
  { source: "absent", filter: 'externalId ne "eng"', expected: [GA, GB] },
];

export const byUserId = (id: string) => scimUser(USERS.find((u) => u.id === id)!);
export const allUsers = () => USERS.map(scimUser);
export const allGroups = () => GROUPS.map(scimGroup);
