import { describe, expect, it } from "vitest";
import { SCHEMA_ENTERPRISE_USER as ENTERPRISE } from "../schema";
import { BASE_URL, CUSTOM, scimUser } from "../test-support/fixtures";
import { projectAttributes } from "./project-attributes";
import { toScimGroup } from "./to-scim";

const user = scimUser({
  userName: "bjensen",
  name: { givenName: "Barbara", familyName: "Jensen" },
  emails: [
    { value: "b@work", type: "work", primary: true },
    { value: "b@home", type: "home" },
  ],
  title: "Tour Guide",
  [ENTERPRISE]: { department: "Tours", employeeNumber: "42" },
  [CUSTOM]: { profileField_city: "Paris" },
});

describe("projectAttributes (rfc7644 §3.4.2.5)", () => {
  const cases: { name: string; attributes?: string[]; excluded?: string[]; expected: Record<string, unknown> | ((out: Record<string, unknown>) => void) }[] = [
    {
      name: "attributes=userName keeps id and schemas (returned: always)",
      attributes: ["userName"],
      expected: { schemas: user.schemas, id: user.id, userName: "bjensen" },
    },
    {
      name: "names are case-insensitive",
      attributes: ["USERNAME", "Title"],
      expected: { schemas: user.schemas, id: user.id, userName: "bjensen", title: "Tour Guide" },
    },
    {
      name: "sub-attribute of a complex attribute: name.givenName",
      attributes: ["name.givenName"],
      expected: { schemas: user.schemas, id: user.id, name: { givenName: "Barbara" } },
    },
    {
      name: "sub-attribute of a multi-valued attribute: emails.value and emails.type",
      attributes: ["emails.value", "emails.type"],
      expected: {
        schemas: user.schemas,
        id: user.id,
        emails: [
          { value: "b@work", type: "work" },
          { value: "b@home", type: "home" },
        ],
      },
    },
    {
      name: "URN-qualified extension attribute",
      attributes: [`${ENTERPRISE}:department`],
      expected: { schemas: user.schemas, id: user.id, [ENTERPRISE]: { department: "Tours" } },
    },
    {
      name: "URN-qualified core attribute",
      attributes: ["urn:ietf:params:scim:schemas:core:2.0:User:userName"],
      expected: { schemas: user.schemas, id: user.id, userName: "bjensen" },
    },
    {
      name: "a whole extension by its URN",
      attributes: [ENTERPRISE],
      expected: { schemas: user.schemas, id: user.id, [ENTERPRISE]: { department: "Tours", employeeNumber: "42" } },
    },
    {
      name: "a profile field by its plain name, wherever it lives",
      attributes: ["profileField_city"],
      expected: { schemas: user.schemas, id: user.id, [CUSTOM]: { profileField_city: "Paris" } },
    },
    {
      name: "unknown names are ignored",
      attributes: ["nope", "name.nope"],
      expected: { schemas: user.schemas, id: user.id },
    },
    {
      name: "excludedAttributes removes attributes and sub-attributes, never id/schemas",
      excluded: ["emails", "name.familyName", "id", "schemas", "meta"],
      expected: (out) => {
        expect(out.emails).toBeUndefined();
        expect(out.name).toEqual({ givenName: "Barbara" });
        expect(out.id).toBe(user.id);
        expect(out.schemas).toEqual(user.schemas);
        expect(out.meta).toBeUndefined();
        expect(out.userName).toBe("bjensen");
      },
    },
    {
      name: "excluding the last attribute of an extension removes the extension object",
      excluded: [`${ENTERPRISE}:department`, `${ENTERPRISE}:EMPLOYEENUMBER`],
      expected: (out) => expect(out[ENTERPRISE]).toBeUndefined(),
    },
    {
      name: "attributes wins when both are given",
      attributes: ["userName"],
      excluded: ["userName"],
      expected: { schemas: user.schemas, id: user.id, userName: "bjensen" },
    },
  ];
  it.each(cases)("$name", ({ attributes, excluded, expected }) => {
    const out = projectAttributes(user, { attributes, excludedAttributes: excluded }, "User");
    if (typeof expected === "function") expected(out);
    else expect(out).toEqual(expected);
  });

  it("no parameters: the resource unchanged; the input is never modified", () => {
    const before = JSON.stringify(user);
    expect(projectAttributes(user, {}, "User")).toEqual(user);
    projectAttributes(user, { excludedAttributes: ["emails", "name.givenName"] }, "User");
    expect(JSON.stringify(user)).toBe(before);
  });

  it("entra: GET /Groups?excludedAttributes=members", () => {
    const group = toScimGroup(
      { id: "g", displayName: "G", externalId: null, resource: {}, version: 1, createdAt: new Date(0), updatedAt: new Date(0) },
      [{ userId: "u", display: "U" }],
      { baseUrl: BASE_URL },
    );
    const out = projectAttributes(group, { excludedAttributes: ["members"] }, "Group");
    expect(Object.keys(out)).toEqual(["schemas", "id", "displayName", "meta"]);
    expect(projectAttributes(group, { attributes: ["members.value"] }, "Group").members).toEqual([{ value: "u" }]);
  });
});
