import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import type { JsonObject } from "../resource/json";
import { normalizeGroup } from "../resource/normalize-group";
import { normalizeUser, type NormalizedUser } from "../resource/normalize-user";
import { toScimGroup } from "../resource/to-scim";
import { SCHEMA_ENTERPRISE_USER as ENTERPRISE, SCHEMA_PATCH_OP as PATCH_OP } from "../schema";
import { BASE_URL, CUSTOM, IDP_FIXTURES, scimUser } from "../test-support/fixtures";
import { applyPatch } from "./apply-patch";
import { parsePatchRequest } from "./parse-patch-request";

const body = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

/** PATCH as the server runs it: parse, apply to the full resource, re-normalise. */
function patchUser(initial: JsonObject, request: unknown): { patched: JsonObject; user: NormalizedUser } {
  const patched = applyPatch(scimUser(initial), parsePatchRequest(request), "User");
  return { patched, user: normalizeUser(patched, { mode: "replace" }) };
}

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error("expected a ScimError");
}

const bjensen: JsonObject = {
  userName: "bjensen@example.com",
  displayName: "Babs Jensen",
  title: "Tour Guide",
  nickName: "Babs",
  name: { givenName: "Barbara", familyName: "Jensen" },
  emails: [
    { value: "bjensen@example.com", type: "work", primary: true },
    { value: "babs@jensen.org", type: "home" },
  ],
  phoneNumbers: [{ value: "555-555-8377", type: "work" }],
  [ENTERPRISE]: { employeeNumber: "701984", department: "Tour Operations", manager: { value: "m-1", displayName: "John Smith" } },
};

const withProfileUnderUrn: JsonObject = { userName: "p@x", [CUSTOM]: { profileField_city: "Paris", costCode: "C1" } };
const withProfileTopLevel: JsonObject = { userName: "p@x", profileField_city: "Paris" };

interface Case {
  name: string;
  initial: JsonObject;
  request: unknown;
  check: (r: { patched: JsonObject; user: NormalizedUser }) => void;
}

const entraCases: Case[] = [
  {
    name: "entra: Update User [Multi-valued properties] (tutorial, verbatim)",
    initial: IDP_FIXTURES.entraCreateUser.body,
    request: IDP_FIXTURES.entraUpdateUserMultiValued.body,
    check: ({ user }) => {
      expect(user.emails).toEqual([{ value: "updatedEmail@microsoft.com", type: "work", primary: true }]);
      expect(user.familyName).toBe("updatedFamilyName");
      expect(user.givenName).toBe("givenName");
    },
  },
  {
    name: "entra: Update User [Single-valued properties] (tutorial, verbatim)",
    initial: IDP_FIXTURES.entraCreateUser.body,
    request: IDP_FIXTURES.entraUpdateUserSingleValued.body,
    check: ({ user }) => expect(user.userName).toBe("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"),
  },
  {
    name: "entra: Disable User (tutorial, verbatim)",
    initial: IDP_FIXTURES.entraCreateUser.body,
    request: IDP_FIXTURES.entraDisableUser.body,
    check: ({ user }) => expect(user.active).toBe(false),
  },
  {
    name: 'entra: replace active as "False" string (known issues, without the flag)',
    initial: IDP_FIXTURES.entraCreateUser.body,
    request: IDP_FIXTURES.entraDisableUserLegacy.body,
    check: ({ patched, user }) => {
      expect(patched.active).toBe(false);
      expect(user.active).toBe(false);
    },
  },
  {
    name: 'entra: replace active as "True" string re-enables',
    initial: { ...IDP_FIXTURES.entraCreateUser.body, active: false },
    request: body({ op: "Replace", path: "active", value: "True" }),
    check: ({ user }) => expect(user.active).toBe(true),
  },
  {
    name: "entra: Add on a single-valued attribute (known issues, without the flag) sets it…",
    initial: IDP_FIXTURES.entraCreateUser.body,
    request: IDP_FIXTURES.entraAddSingleValueLegacy.body,
    check: ({ user }) => expect(user.resource.nickName).toBe("Babs"),
  },
  {
    name: "entra: …and Add on one that is already set replaces it",
    initial: bjensen,
    request: body({ op: "Add", path: "nickName", value: "Barb" }, { op: "Add", path: "title", value: "Lead Guide" }),
    check: ({ user }) => expect([user.resource.nickName, user.resource.title]).toEqual(["Barb", "Lead Guide"]),
  },
  {
    name: "entra: replace multiple attributes, one operation each (known issues, without the flag)",
    initial: IDP_FIXTURES.entraCreateUser.body,
    request: IDP_FIXTURES.entraReplaceMultipleLegacy.body,
    check: ({ user }) => {
      expect(user.displayName).toBe("Pvlo");
      expect(user.emails).toEqual([{ value: "TestBcwqnm@test.microsoft.com", type: "work", primary: true }]);
      expect([user.givenName, user.familyName, user.externalId]).toEqual(["Gtfd", "Pkqf", "Eqpj"]);
      expect(user.resource[ENTERPRISE]).toEqual({ employeeNumber: "Eqpj" });
    },
  },
  {
    name: "entra aadOptscim062020: path-less replace whose keys are dotted and URN-qualified paths",
    initial: IDP_FIXTURES.entraCreateUser.body,
    request: IDP_FIXTURES.entraReplaceMultipleFlag.body,
    check: ({ patched, user }) => {
      expect(user.emails[0].value).toBe("TestMhvaes@test.microsoft.com");
      expect([user.displayName, user.givenName, user.familyName]).toEqual(["Bjfe", "Kkom", "Unua"]);
      expect(user.resource[ENTERPRISE]).toEqual({ employeeNumber: "Aklq" });
      // Keys were applied as paths, not stored literally.
      expect(Object.keys(patched).filter((k) => k.startsWith("name.") || k.endsWith(":employeeNumber"))).toEqual([]);
    },
  },
  {
    name: "entra: path-less replace with active:false and a value-path key",
    initial: bjensen,
    request: body({ op: "Replace", value: { active: false, 'emails[type eq "work"].value': "new@example.com", "name.givenName": "Barb" } }),
    check: ({ user }) => {
      expect(user.active).toBe(false);
      expect(user.primaryEmail).toBe("new@example.com");
      expect(user.givenName).toBe("Barb");
    },
  },
  {
    name: 'entra: replace emails[type eq "work"].value when there is no work email creates it',
    initial: { userName: "a", emails: [{ value: "home@x", type: "home" }] },
    request: body({ op: "Replace", path: 'emails[type eq "work"].value', value: "work@x" }),
    check: ({ user }) =>
      expect(user.emails).toEqual([
        { value: "home@x", type: "home", primary: false },
        { value: "work@x", type: "work", primary: false },
      ]),
  },
  {
    name: 'entra: add phoneNumbers[type eq "mobile"].value creates the mobile number, work untouched',
    initial: bjensen,
    request: body({ op: "Add", path: 'phoneNumbers[type eq "mobile"].value', value: "+1 555 0100" }),
    check: ({ user }) =>
      expect(user.resource.phoneNumbers).toEqual([
        { value: "555-555-8377", type: "work" },
        { type: "mobile", value: "+1 555 0100" },
      ]),
  },
  {
    name: 'entra: addresses[type eq "work"].streetAddress then .locality build ONE work address',
    initial: { userName: "a" },
    request: body(
      { op: "Add", path: 'addresses[type eq "work"].streetAddress', value: "100 Universal City Plaza" },
      { op: "Add", path: 'addresses[type eq "work"].locality', value: "Hollywood" },
      { op: "Add", path: 'addresses[type eq "work"].country', value: "" },
    ),
    check: ({ user }) => expect(user.resource.addresses).toEqual([{ type: "work", streetAddress: "100 Universal City Plaza", locality: "Hollywood" }]),
  },
  {
    name: 'entra: roles[primary eq "True"].value — a boolean compared with a string — creates a primary role',
    initial: { userName: "a" },
    request: body({ op: "Add", path: 'roles[primary eq "True"].value', value: "Admin" }),
    check: ({ patched, user }) => {
      expect(patched.roles).toEqual([{ primary: true, value: "Admin" }]);
      expect(user.resource.roles).toEqual([{ primary: true, value: "Admin" }]);
    },
  },
  {
    name: 'entra: roles[primary eq "True"].value replaces the existing primary role',
    initial: { userName: "a", roles: [{ value: "User", primary: true }, { value: "Auditor" }] },
    request: body({ op: "Replace", path: 'roles[primary eq "True"].value', value: "Admin" }),
    check: ({ user }) => expect(user.resource.roles).toEqual([{ value: "Admin", primary: true }, { value: "Auditor" }]),
  },
  {
    name: "entra: add manager as a plain id string",
    initial: IDP_FIXTURES.entraCreateUser.body,
    request: body({ op: "Add", path: `${ENTERPRISE}:manager`, value: "26118915-6090-4610-87e4-49d8ca9f808d" }),
    check: ({ user }) => expect(user.resource[ENTERPRISE]).toEqual({ manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d" } }),
  },
  {
    name: "entra: replace manager with a new id replaces it whole (no stale displayName)",
    initial: bjensen,
    request: body({ op: "Replace", path: `${ENTERPRISE}:manager`, value: "m-2" }),
    check: ({ user }) => expect((user.resource[ENTERPRISE] as JsonObject).manager).toEqual({ value: "m-2" }),
  },
  {
    name: 'rfc7643 §4.3: manager as {"value": id}',
    initial: IDP_FIXTURES.entraCreateUser.body,
    request: body({ op: "replace", path: `${ENTERPRISE}:manager`, value: { value: "m-3" } }),
    check: ({ user }) => expect(user.resource[ENTERPRISE]).toEqual({ manager: { value: "m-3" } }),
  },
  {
    name: "entra: remove manager",
    initial: bjensen,
    request: body({ op: "Remove", path: `${ENTERPRISE}:manager` }),
    check: ({ user }) => expect(user.resource[ENTERPRISE]).toEqual({ employeeNumber: "701984", department: "Tour Operations" }),
  },
  {
    name: 'entra: replace manager with "" clears it; null too',
    initial: bjensen,
    request: body({ op: "Replace", path: `${ENTERPRISE}:manager`, value: "" }, { op: "Replace", path: `${ENTERPRISE}:department`, value: null }),
    check: ({ user }) => expect(user.resource[ENTERPRISE]).toEqual({ employeeNumber: "701984" }),
  },
  {
    name: 'entra: {"op":"Replace","path":"title","value":""} removes title',
    initial: bjensen,
    request: body({ op: "Replace", path: "title", value: "" }),
    check: ({ user }) => expect("title" in user.resource).toBe(false),
  },
  {
    name: "entra: path-less add of enterprise attributes under their URN key",
    initial: IDP_FIXTURES.entraCreateUser.body,
    request: body({ op: "Add", value: { [ENTERPRISE]: { department: "Sales", manager: "m-9" } } }),
    check: ({ user }) => expect(user.resource[ENTERPRISE]).toEqual({ department: "Sales", manager: { value: "m-9" } }),
  },
];

const rfcCases: Case[] = [
  {
    name: "rfc7644 §3.5.2.1 add to a multi-valued attribute appends; identical values are not duplicated",
    initial: bjensen,
    request: body({ op: "add", path: "emails", value: [{ value: "babs@jensen.org", type: "home" }, { value: "b@other", type: "other" }] }),
    check: ({ user }) => expect(user.emails.map((e) => e.value)).toEqual(["bjensen@example.com", "babs@jensen.org", "b@other"]),
  },
  {
    name: "rfc7644 §3.5.2 adding a primary value makes the others non-primary",
    initial: bjensen,
    request: body({ op: "add", path: "emails", value: { value: "new@x", type: "work", primary: true } }),
    check: ({ user }) => {
      expect(user.emails.map((e) => e.primary)).toEqual([false, false, true]);
      expect(user.primaryEmail).toBe("new@x");
    },
  },
  {
    name: "rfc7644 §3.5.2 setting primary through a filter path moves it",
    initial: bjensen,
    request: body({ op: "replace", path: 'emails[type eq "home"].primary', value: true }),
    check: ({ user }) => expect(user.primaryEmail).toBe("babs@jensen.org"),
  },
  {
    name: "rfc7644 §3.5.2.1 add without path merges: multi-valued appended, single-valued replaced, complex merged",
    initial: bjensen,
    request: body({ op: "add", value: { emails: [{ value: "x@y", type: "other" }], nickName: "B", name: { middleName: "M" } } }),
    check: ({ user }) => {
      expect(user.emails).toHaveLength(3);
      expect(user.resource.nickName).toBe("B");
      expect(user.resource.name).toEqual({ givenName: "Barbara", familyName: "Jensen", middleName: "M" });
    },
  },
  {
    name: "rfc7644 §3.5.2.3 replace a multi-valued attribute without a filter replaces all values",
    initial: bjensen,
    request: body({ op: "replace", path: "emails", value: [{ value: "only@x", type: "work" }] }),
    check: ({ user }) => expect(user.emails).toEqual([{ value: "only@x", type: "work", primary: false }]),
  },
  {
    name: "rfc7644 §3.5.2.3 replace a complex attribute sets the given sub-attributes, keeps the others",
    initial: bjensen,
    request: body({ op: "replace", path: "name", value: { givenName: "Barb" } }),
    check: ({ user }) => expect(user.resource.name).toEqual({ givenName: "Barb", familyName: "Jensen" }),
  },
  {
    name: "rfc7644 §3.5.2.3 replace the value selected by a filter",
    initial: bjensen,
    request: body({ op: "replace", path: 'emails[type eq "home"]', value: { value: "babs@new.org", display: "Babs" } }),
    check: ({ user }) =>
      expect(user.resource.emails).toEqual([
        { value: "bjensen@example.com", type: "work", primary: true },
        { type: "home", value: "babs@new.org", display: "Babs" },
      ]),
  },
  {
    name: "rfc7644 §3.5.2.1 add to the value selected by a filter merges into it",
    initial: bjensen,
    request: body({ op: "add", path: 'emails[value eq "babs@jensen.org"]', value: { display: "Babs" } }),
    check: ({ user }) => expect((user.resource.emails as JsonObject[])[1]).toEqual({ value: "babs@jensen.org", type: "home", display: "Babs" }),
  },
  {
    name: "rfc7644 §3.5.2.2 remove a single-valued attribute and a sub-attribute",
    initial: bjensen,
    request: body({ op: "remove", path: "title" }, { op: "remove", path: "name.givenName" }),
    check: ({ user }) => {
      expect("title" in user.resource).toBe(false);
      expect(user.resource.name).toEqual({ familyName: "Jensen" });
    },
  },
  {
    name: "rfc7644 §3.5.2.2 remove the values a filter selects",
    initial: bjensen,
    request: body({ op: "remove", path: 'emails[type eq "home"]' }),
    check: ({ user }) => expect(user.emails.map((e) => e.value)).toEqual(["bjensen@example.com"]),
  },
  {
    name: "rfc7644 §3.5.2.2 remove a sub-attribute of the values a filter selects",
    initial: bjensen,
    request: body({ op: "remove", path: 'emails[type eq "work"].primary' }),
    check: ({ user }) => expect((user.resource.emails as JsonObject[])[0]).toEqual({ value: "bjensen@example.com", type: "work" }),
  },
  {
    name: "rfc7644 §3.5.2.2 remove with a value list removes only the listed values",
    initial: bjensen,
    request: body({ op: "remove", path: "emails", value: [{ value: "babs@jensen.org" }] }),
    check: ({ user }) => expect(user.emails.map((e) => e.value)).toEqual(["bjensen@example.com"]),
  },
  {
    name: "rfc7644 §3.5.2.2 removing the last value leaves the attribute unassigned",
    initial: bjensen,
    request: body({ op: "remove", path: 'phoneNumbers[type eq "work"]' }),
    check: ({ patched }) => expect("phoneNumbers" in patched).toBe(false),
  },
  {
    name: "remove of an absent attribute, an unmatched filter, or an absent extension is a no-op",
    initial: { userName: "a", emails: [{ value: "a@x", type: "work" }] },
    request: body(
      { op: "remove", path: "title" },
      { op: "remove", path: 'emails[type eq "home"]' },
      { op: "remove", path: `${ENTERPRISE}:manager` },
      { op: "remove", path: "name.givenName" },
    ),
    check: ({ user }) => expect(user.resource).toEqual({ userName: "a", emails: [{ value: "a@x", type: "work" }], active: true }),
  },
  {
    name: "remove the last enterprise attribute removes the extension object",
    initial: { userName: "a", [ENTERPRISE]: { department: "D" } },
    request: body({ op: "remove", path: `${ENTERPRISE}:department` }),
    check: ({ patched }) => {
      expect(ENTERPRISE in patched).toBe(false);
    },
  },
  {
    name: "rfc7643 §2.1 paths are case-insensitive: existing keys are updated, not duplicated",
    initial: bjensen,
    request: body({ op: "replace", path: "NAME.GIVENNAME", value: "Barb" }, { op: "replace", path: 'Emails[Type eq "WORK"].Value', value: "w@x" }),
    check: ({ patched, user }) => {
      expect(patched.name).toEqual({ givenName: "Barb", familyName: "Jensen" });
      expect(user.primaryEmail).toBe("w@x");
    },
  },
  {
    name: "the core schema URN may qualify a path",
    initial: bjensen,
    request: body({ op: "replace", path: "urn:ietf:params:scim:schemas:core:2.0:User:displayName", value: "B. Jensen" }),
    check: ({ user }) => expect(user.displayName).toBe("B. Jensen"),
  },
  {
    name: "a whole extension as the path: its keys are applied as attributes",
    initial: bjensen,
    request: body({ op: "replace", path: ENTERPRISE, value: { department: "Sales", manager: "" } }),
    check: ({ user }) => expect(user.resource[ENTERPRISE]).toEqual({ employeeNumber: "701984", department: "Sales" }),
  },
  {
    name: "schemas changes are ignored; password is accepted and dropped",
    initial: bjensen,
    request: body({ op: "replace", path: "schemas", value: ["urn:x"] }, { op: "replace", path: "password", value: "hunter2" }, { op: "add", value: { password: "x" } }),
    check: ({ patched }) => {
      expect(patched.schemas).toEqual(["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE]);
      expect("password" in patched).toBe(false);
    },
  },
  {
    name: "okta: path-less replace {active:false} (deactivation), echoing id",
    initial: bjensen,
    request: body({ op: "replace", value: { id: "5171a35d82074e068ce2", active: false } }),
    check: ({ user }) => expect(user.active).toBe(false),
  },
  {
    name: "unknown attributes can be added, replaced and removed, and are kept",
    initial: { userName: "a", badges: [{ kind: "gold", n: 1 }] },
    request: body(
      { op: "add", path: "favouriteColour", value: "teal" },
      { op: "replace", path: 'badges[kind eq "gold"].n', value: 2 },
      { op: "add", path: 'badges[kind eq "silver"].n', value: 5 },
      { op: "add", path: "tags", value: ["a", "b"] },
      { op: "add", path: "tags", value: ["b", "c"] },
    ),
    check: ({ user }) => {
      expect(user.resource.favouriteColour).toBe("teal");
      expect(user.resource.badges).toEqual([
        { kind: "gold", n: 2 },
        { kind: "silver", n: 5 },
      ]);
      expect(user.resource.tags).toEqual(["a", "b", "c"]);
    },
  },
];

const profileCases: Case[] = [
  {
    name: "profile field: plain path hits the field stored under the custom URN",
    initial: withProfileUnderUrn,
    request: body({ op: "replace", path: "profileField_city", value: "Rome" }),
    check: ({ patched, user }) => {
      expect(patched[CUSTOM]).toEqual({ costCode: "C1", profileField_city: "Rome" });
      expect("profileField_city" in patched).toBe(false);
      expect([user.profileFields, user.profileFieldsSchema]).toEqual([{ city: "Rome" }, CUSTOM]);
    },
  },
  {
    name: "profile field: URN-qualified path hits the field stored top-level",
    initial: withProfileTopLevel,
    request: body({ op: "Replace", path: `${CUSTOM}:profileField_city`, value: "Rome" }),
    check: ({ patched, user }) => {
      expect(patched.profileField_city).toBe("Rome");
      expect(CUSTOM in patched).toBe(false);
      expect([user.profileFields, user.profileFieldsSchema]).toEqual([{ city: "Rome" }, null]);
    },
  },
  {
    name: "profile field: a new field joins the others, whatever the spelling of its path",
    initial: withProfileUnderUrn,
    request: body({ op: "add", path: "profileField_floor", value: "3" }, { op: "add", value: { profileField_desk: "12B" } }),
    check: ({ user }) => {
      expect(user.profileFields).toEqual({ city: "Paris", floor: "3", desk: "12B" });
      expect(user.profileFieldsSchema).toBe(CUSTOM);
    },
  },
  {
    name: "profile field: the first one, URN-qualified, is stored under that URN",
    initial: { userName: "a" },
    request: body({ op: "add", path: `${CUSTOM}:profileField_city`, value: "Oslo" }),
    check: ({ user }) => expect([user.profileFields, user.profileFieldsSchema]).toEqual([{ city: "Oslo" }, CUSTOM]),
  },
  {
    name: "profile field: entra path-less value with the custom extension object",
    initial: { userName: "a" },
    request: body({ op: "Add", value: { [CUSTOM]: { profileField_city: "Oslo" } } }),
    check: ({ user }) => expect([user.profileFields, user.profileFieldsSchema]).toEqual([{ city: "Oslo" }, CUSTOM]),
  },
  {
    name: "profile field: remove by either spelling; the emptied extension object goes",
    initial: { userName: "a", [CUSTOM]: { profileField_city: "Paris" } },
    request: body({ op: "remove", path: "profileField_city" }),
    check: ({ patched, user }) => {
      expect(CUSTOM in patched).toBe(false);
      expect([user.profileFields, user.profileFieldsSchema]).toEqual([{}, null]);
    },
  },
  {
    name: 'profile field: replace with "" clears it',
    initial: withProfileTopLevel,
    request: body({ op: "replace", path: `${CUSTOM}:profileField_city`, value: "" }),
    check: ({ user }) => expect(user.profileFields).toEqual({}),
  },
];

describe("applyPatch on Users", () => {
  it.each([...entraCases, ...rfcCases, ...profileCases])("$name", ({ initial, request, check }) => check(patchUser(initial, request)));

  const rejected: { name: string; initial?: JsonObject; request: unknown; status?: number; scimType: string; detail?: RegExp }[] = [
    { name: "rfc7644 §3.5.2 replace id → mutability", request: body({ op: "replace", path: "id", value: "x" }), scimType: "mutability" },
    { name: "remove meta → mutability", request: body({ op: "remove", path: "meta" }), scimType: "mutability" },
    { name: "remove meta.lastModified → mutability", request: body({ op: "remove", path: "meta.lastModified" }), scimType: "mutability" },
    { name: "add groups → mutability", request: body({ op: "add", path: "groups", value: [{ value: "g" }] }), scimType: "mutability" },
    // RFC 7644 §3.5.2: a required or read-only attribute removed or left unassigned → mutability.
    { name: "remove userName (required) → mutability", request: body({ op: "remove", path: "userName" }), scimType: "mutability", detail: /userName is required/ },
    { name: 'replace userName with "" → mutability', request: body({ op: "replace", path: "userName", value: "" }), scimType: "mutability" },
    { name: "replace userName with null → mutability", request: body({ op: "replace", path: "userName", value: null }), scimType: "mutability" },
    { name: 'path-less replace {"userName": ""} → mutability', request: body({ op: "replace", value: { userName: "" } }), scimType: "mutability" },
    { name: "remove a URN-qualified userName → mutability", request: body({ op: "remove", path: "urn:ietf:params:scim:schemas:core:2.0:User:userName" }), scimType: "mutability" },
    {
      name: "remove manager.displayName (readOnly sub-attribute) → mutability",
      request: body({ op: "remove", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName" }),
      initial: { userName: "a", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { manager: { value: "m", displayName: "M" } } },
      scimType: "mutability",
    },
    { name: "remove without a path → noTarget", request: body({ op: "remove" }), scimType: "noTarget" },
    { name: "a filter on a single-valued attribute", request: body({ op: "replace", path: 'title[value eq "x"]', value: "y" }), scimType: "invalidPath" },
    { name: "a sub-attribute of a simple attribute", request: body({ op: "replace", path: "title.x", value: "y" }), scimType: "invalidPath" },
    { name: "a filter the evaluator refuses (gt on a boolean)", request: body({ op: "replace", path: 'emails[primary gt true].value', value: "y" }), scimType: "invalidPath" },
    {
      name: "a filter the evaluator refuses, also when there are no values",
      initial: { userName: "a" },
      request: body({ op: "add", path: 'emails[primary gt true].value', value: "y" }),
      scimType: "invalidPath",
    },
    {
      name: "rfc7644 §3.5.2.3 no match and a filter that describes no value → noTarget",
      request: body({ op: "replace", path: 'emails[type ne "work"].value', value: "y" }),
      initial: { userName: "a", emails: [{ value: "w@x", type: "work" }] },
      scimType: "noTarget",
    },
    { name: "a Group schema path on a User", request: body({ op: "replace", path: "urn:ietf:params:scim:schemas:core:2.0:Group:displayName", value: "x" }), scimType: "invalidPath" },
    { name: "profile field with a sub-attribute", request: body({ op: "replace", path: "profileField_city.x", value: "x" }), scimType: "invalidPath" },
    { name: "replace a filtered element with a string", request: body({ op: "replace", path: 'emails[type eq "work"]', value: "x" }), scimType: "invalidValue" },
  ];
  it.each(rejected)("rejects $name", ({ initial, request, scimType, detail }) => {
    const e = scimError(() => patchUser(initial ?? bjensen, request));
    expect(e.status).toBe(400);
    expect(e.scimType).toBe(scimType);
    if (detail) expect(e.message).toMatch(detail);
  });

  it("values are type-checked when the result is re-normalised (active: \"maybe\" → invalidValue)", () => {
    const e = scimError(() => patchUser(bjensen, body({ op: "replace", path: "active", value: "maybe" })));
    expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
  });

  it("atomicity: the second operation is invalid → error naming it, resource unchanged", () => {
    const full = scimUser(bjensen);
    const before = JSON.stringify(full);
    const ops = parsePatchRequest(body({ op: "replace", path: "title", value: "Changed" }, { op: "replace", path: "id", value: "x" }));
    const e = scimError(() => applyPatch(full, ops, "User"));
    expect(e.scimType).toBe("mutability");
    expect(e.message).toMatch(/^Operations\[1\]/);
    expect(JSON.stringify(full)).toBe(before);
  });

  it("never modifies its input, also on success", () => {
    const full = scimUser(bjensen);
    const before = JSON.stringify(full);
    const out = applyPatch(full, parsePatchRequest(body({ op: "add", path: 'emails[type eq "work"].display', value: "W" })), "User");
    expect(JSON.stringify(full)).toBe(before);
    expect(out).not.toBe(full);
  });

  it("remove without a path is noTarget also when called directly", () => {
    expect(scimError(() => applyPatch(scimUser(bjensen), [{ op: "remove" }], "User")).scimType).toBe("noTarget");
  });

  it("an unsupported op passed directly is invalidValue", () => {
    expect(scimError(() => applyPatch(scimUser(bjensen), [{ op: "move" as "add", path: "title", value: "x" }], "User")).message).toMatch(/unsupported op/);
  });
});

describe("applyPatch on Groups (attribute operations)", () => {
  const g = normalizeGroup({ displayName: "Tour Guides", externalId: "e1" });
  const full = toScimGroup(
    { id: "fa2ce26709934589afc5", displayName: g.displayName, externalId: g.externalId, resource: g.resource, version: 1, createdAt: new Date(0), updatedAt: new Date(0) },
    undefined,
    { baseUrl: BASE_URL },
  );
  const patchGroup = (request: unknown) => normalizeGroup({ ...applyPatch(full, parsePatchRequest(request), "Group"), members: undefined });

  it("entra: Update Group [Non-member attributes] (tutorial, verbatim)", () => {
    expect(patchGroup(IDP_FIXTURES.entraUpdateGroupNonMember.body).displayName).toBe("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");
  });

  it("okta: path-less replace {id, displayName}: the readOnly id is dropped", () => {
    const out = patchGroup(body({ op: "replace", value: { id: "fa2ce26709934589afc5", displayName: "Renamed" } }));
    expect(out).toEqual({ displayName: "Renamed", externalId: "e1", members: [], resource: {} });
  });

  it("replace externalId; add an unknown attribute", () => {
    const out = patchGroup(body({ op: "replace", path: "externalId", value: "e2" }, { op: "add", path: "owner", value: "me" }));
    expect([out.externalId, out.resource]).toEqual(["e2", { owner: "me" }]);
  });

  it("remove displayName → 400 mutability (required: RFC 7644 §3.5.2)", () => {
    expect(scimError(() => patchGroup(body({ op: "remove", path: "displayName" }))).scimType).toBe("mutability");
    expect(scimError(() => patchGroup(body({ op: "replace", path: "displayName", value: "" }))).scimType).toBe("mutability");
  });

  it("a User path on a Group → invalidPath", () => {
    expect(scimError(() => patchGroup(body({ op: "replace", path: "urn:ietf:params:scim:schemas:core:2.0:User:userName", value: "x" }))).scimType).toBe(
      "invalidPath",
    );
  });
});
