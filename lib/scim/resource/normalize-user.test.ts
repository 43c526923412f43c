import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import { SCHEMA_ENTERPRISE_USER as ENTERPRISE } from "../schema";
import { CUSTOM, IDP_FIXTURES } from "../test-support/fixtures";
import { MAX_STRING_LENGTH } from "./json";
import { MAX_USERNAME_LENGTH, normalizeUser } from "./normalize-user";

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error("expected a ScimError");
}

describe("normalizeUser", () => {
  it("entra: Create User request (tutorial) → storage form", () => {
    const u = normalizeUser(IDP_FIXTURES.entraCreateUser.body, { mode: "create" });
    expect(u).toMatchObject({
      userName: "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      givenName: "givenName",
      familyName: "familyName",
      displayName: null,
      active: true,
      primaryEmail: "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com",
      emails: [{ value: "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com", type: "work", primary: true }],
      profileFields: {},
      profileFieldsSchema: null,
    });
    // schemas and the client's meta are not stored; "roles": [] is no value.
    expect(Object.keys(u.resource).sort()).toEqual(["active", "emails", "externalId", "name", "userName"]);
  });

  const cases: { name: string; input: Record<string, unknown>; check: (u: ReturnType<typeof normalizeUser>) => void }[] = [
    {
      name: "rfc7643 §2.1 attribute names are case-insensitive: canonical spelling stored",
      input: { USERNAME: "bjensen", Name: { GivenName: "Barbara", FAMILYNAME: "Jensen" }, Emails: [{ Value: "b@x", Primary: true }] },
      check: (u) => {
        expect(u.resource.userName).toBe("bjensen");
        expect(u.resource.name).toEqual({ givenName: "Barbara", familyName: "Jensen" });
        expect(u.resource.emails).toEqual([{ value: "b@x", primary: true }]);
        expect(u.givenName).toBe("Barbara");
      },
    },
    {
      name: "unknown attributes are kept as sent",
      input: { userName: "a", favouriteColour: "teal", badge: { id: 7, levels: [1, 2] }, name: { givenName: "A", nickname2: "x" } },
      check: (u) => {
        expect(u.resource.favouriteColour).toBe("teal");
        expect(u.resource.badge).toEqual({ id: 7, levels: [1, 2] });
        expect(u.resource.name).toEqual({ givenName: "A", nickname2: "x" });
      },
    },
    {
      name: "entra: enterprise object without its URN in schemas is accepted; key spelling canonicalised",
      input: {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: "a",
        [ENTERPRISE.toUpperCase().replace("URN:", "urn:")]: { EmployeeNumber: "42", department: "R&D" },
      },
      check: (u) => expect(u.resource[ENTERPRISE]).toEqual({ employeeNumber: "42", department: "R&D" }),
    },
    {
      name: "entra: manager as a plain id string → {value}",
      input: { userName: "a", [ENTERPRISE]: { manager: "26118915-6090-4610-87e4-49d8ca9f808d" } },
      check: (u) => expect(u.resource[ENTERPRISE]).toEqual({ manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d" } }),
    },
    {
      name: "rfc7643 §4.3 manager as {value, $ref, displayName}",
      input: { userName: "a", [ENTERPRISE]: { manager: { value: "m", $ref: "../Users/m", displayName: "Boss" } } },
      check: (u) => expect(u.resource[ENTERPRISE]).toEqual({ manager: { value: "m", $ref: "../Users/m", displayName: "Boss" } }),
    },
    {
      name: 'manager "" or null clears it (and an emptied enterprise object goes)',
      input: { userName: "a", [ENTERPRISE]: { manager: "" } },
      check: (u) => expect(u.resource[ENTERPRISE]).toBeUndefined(),
    },
    {
      name: "entra: profile fields top-level",
      input: { userName: "a", profileField_city: "Paris", profileField_floor: 3 },
      check: (u) => {
        expect(u.profileFields).toEqual({ city: "Paris", floor: 3 });
        expect(u.profileFieldsSchema).toBeNull();
        expect(u.resource.profileField_city).toBeUndefined();
      },
    },
    {
      name: "entra: profile fields under a custom extension URN not listed in schemas; other keys stay there",
      input: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "a", [CUSTOM]: { profileField_city: "Paris", costCode: "X1" } },
      check: (u) => {
        expect(u.profileFields).toEqual({ city: "Paris" });
        expect(u.profileFieldsSchema).toBe(CUSTOM);
        expect(u.resource[CUSTOM]).toEqual({ costCode: "X1" });
      },
    },
    {
      name: "profile fields inside the enterprise extension are ordinary (unknown) enterprise attributes",
      input: { userName: "a", [ENTERPRISE]: { profileField_x: "1" } },
      check: (u) => {
        expect(u.profileFields).toEqual({});
        expect(u.resource[ENTERPRISE]).toEqual({ profileField_x: "1" });
      },
    },
    {
      name: 'entra: active as the string "False"',
      input: { userName: "a", active: "False" },
      check: (u) => {
        expect(u.active).toBe(false);
        expect(u.resource.active).toBe(false);
      },
    },
    {
      name: 'active "true" in lower case; active defaults to true',
      input: { userName: "a", emails: [{ value: "e@x", primary: "True" }] },
      check: (u) => {
        expect(u.active).toBe(true);
        expect(u.emails[0].primary).toBe(true);
      },
    },
    {
      name: "multi-valued attribute given as a single object is wrapped",
      input: { userName: "a", emails: { value: "e@x", type: "work" } },
      check: (u) => expect(u.emails).toEqual([{ value: "e@x", type: "work", primary: false }]),
    },
    {
      name: "rfc7644 §3.5.2 null and \"\" are no value: dropped",
      input: { userName: "a", title: "", nickName: null, name: { givenName: "", familyName: "J" }, emails: [null, { value: "" }], custom: "" },
      check: (u) => {
        expect(u.resource).toEqual({ userName: "a", name: { familyName: "J" }, active: true });
        expect(u.emails).toEqual([]);
      },
    },
    {
      name: "password is accepted and dropped; rfc7644 §3.5.1 readOnly id, meta and groups ignored",
      input: { userName: "a", password: "hunter2", id: "client-id", meta: { resourceType: "User" }, groups: [{ value: "g" }] },
      check: (u) => expect(u.resource).toEqual({ userName: "a", active: true }),
    },
    {
      name: "rfc7643 §2.4 more than one primary: the first keeps it",
      input: { userName: "a", emails: [{ value: "1@x", primary: true }, { value: "2@x", primary: true }] },
      check: (u) => {
        expect(u.emails.map((e) => e.primary)).toEqual([true, false]);
        expect(u.primaryEmail).toBe("1@x");
      },
    },
    {
      name: "primaryEmail: no primary → first work email → first email",
      input: { userName: "a", emails: [{ value: "home@x", type: "home" }, { value: "work@x", type: "Work" }] },
      check: (u) => expect(u.primaryEmail).toBe("work@x"),
    },
    {
      name: "email elements without a value are kept in the resource but not indexed",
      input: { userName: "a", emails: [{ type: "work", display: "x" }] },
      check: (u) => {
        expect(u.emails).toEqual([]);
        expect(u.primaryEmail).toBeNull();
        expect(u.resource.emails).toEqual([{ type: "work", display: "x" }]);
      },
    },
    {
      name: "schemas missing entirely, or without the core schema: accepted",
      input: { schemas: ["urn:example:other"], userName: "a" },
      check: (u) => expect(u.userName).toBe("a"),
    },
    {
      name: "userName is stored as sent (the IdP looks it up verbatim)",
      input: { userName: " padded@x " },
      check: (u) => expect(u.userName).toBe(" padded@x "),
    },
  ];
  it.each(cases)("$name", ({ input, check }) => check(normalizeUser(input, { mode: "create" })));

  const rejected: { name: string; input: unknown; scimType: string; detail: RegExp }[] = [
    { name: "not an object", input: [], scimType: "invalidSyntax", detail: /JSON object/ },
    { name: "userName missing", input: { name: { givenName: "a" } }, scimType: "invalidValue", detail: /userName is required/ },
    { name: "userName blank", input: { userName: "   " }, scimType: "invalidValue", detail: /userName is required/ },
    { name: "userName: 5", input: { userName: 5 }, scimType: "invalidValue", detail: /userName must be a string/ },
    { name: "userName too long", input: { userName: "a".repeat(MAX_USERNAME_LENGTH + 1) }, scimType: "invalidValue", detail: /userName is longer/ },
    { name: 'emails: "x"', input: { userName: "a", emails: "x" }, scimType: "invalidValue", detail: /emails must be an array/ },
    { name: 'active: "maybe"', input: { userName: "a", active: "maybe" }, scimType: "invalidValue", detail: /active must be a boolean/ },
    { name: "name: a string", input: { userName: "a", name: "Bob" }, scimType: "invalidValue", detail: /name must be an object/ },
    { name: "emails[0].value a number", input: { userName: "a", emails: [{ value: 5 }] }, scimType: "invalidValue", detail: /emails\[0\]\.value must be a string/ },
    { name: "NUL byte", input: { userName: "a\u0000b" }, scimType: "invalidValue", detail: /NUL/ },
    { name: "NUL byte in an unknown attribute", input: { userName: "a", x: { y: ["\u0000"] } }, scimType: "invalidValue", detail: /NUL/ },
    { name: "string over 64 KiB", input: { userName: "a", title: "t".repeat(MAX_STRING_LENGTH + 1) }, scimType: "invalidValue", detail: /title is longer/ },
    { name: "schemas not an array", input: { schemas: "urn:ietf:params:scim:schemas:core:2.0:User", userName: "a" }, scimType: "invalidSyntax", detail: /schemas/ },
    { name: "enterprise not an object", input: { userName: "a", [ENTERPRISE]: "x" }, scimType: "invalidValue", detail: /must be an object/ },
    { name: "custom extension not an object", input: { userName: "a", [CUSTOM]: 1 }, scimType: "invalidValue", detail: /must be an object/ },
    {
      name: "nesting deeper than the limit",
      input: { userName: "a", deep: JSON.parse("[".repeat(200) + "]".repeat(200)) },
      scimType: "invalidValue",
      detail: /nested/,
    },
  ];
  it.each(rejected)("rejects $name with 400 $scimType", ({ input, scimType, detail }) => {
    const e = scimError(() => normalizeUser(input, { mode: "create" }));
    expect(e.status).toBe(400);
    expect(e.scimType).toBe(scimType);
    expect(e.message).toMatch(detail);
  });
});
