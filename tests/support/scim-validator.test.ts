// The self-consistency validator rejects each kind of violation it is there to catch, and accepts
// a conforming response. The discovery documents here are small hand-written ones: the validator
// must follow whatever /Schemas says, not Roster's own definitions.
import { describe, expect, it } from "vitest";
import { ScimValidator, type ServedAttribute, type ServedDiscovery } from "./scim-validator";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const EXT = "urn:example:ext:2.0:User";
const OTHER = "urn:example:other:2.0:User";
const CONFIG = "urn:example:Config";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

const a = (name: string, type: string, extra: Partial<ServedAttribute> = {}): ServedAttribute => ({ name, type, multiValued: false, required: false, ...extra });

const discovery: ServedDiscovery = {
  schemas: [
    {
      id: USER,
      attributes: [
        a("userName", "string", { required: true }),
        a("active", "boolean"),
        a("password", "string", { mutability: "writeOnly", returned: "never" }),
        a("emails", "complex", { multiValued: true, subAttributes: [a("value", "string"), a("type", "string", { canonicalValues: ["work", "home"] }), a("primary", "boolean")] }),
        a("profileUrl", "reference", { referenceTypes: ["User"] }),
      ],
    },
    { id: EXT, attributes: [a("level", "integer"), a("since", "dateTime"), a("badge", "string", { required: true })] },
    { id: OTHER, attributes: [a("x", "string")] },
    { id: CONFIG, attributes: [a("max", "integer")] },
  ],
  resourceTypes: [{ name: "User", schema: USER, schemaExtensions: [{ schema: EXT, required: false }] }],
};

const validator = new ScimValidator(discovery);
const meta = { resourceType: "User", created: "2026-12-04T10:00:00.000Z", lastModified: "2026-12-04T10:00:00Z", location: "http://x/Users/1", version: 'W/"1"' };
const user = (extra: Record<string, unknown> = {}) => ({ schemas: [USER], id: "1", userName: "a@x", active: true, meta, ...extra });
const check = (body: unknown, ctx: Partial<Parameters<ScimValidator["validateResponse"]>[1]> = {}) => validator.validateResponse(body, { status: 200, ...ctx });

describe("ScimValidator", () => {
  it("accepts conforming resources, extensions, lists, errors and non-resource documents", () => {
    expect(check(user({ emails: [{ value: "a@x", type: "work", primary: true }] }), { etag: 'W/"1"' })).toEqual([]);
    expect(check(user({ schemas: [USER, EXT], [EXT]: { level: 3, since: "2026-01-01T00:00:00+01:00", badge: "b" } }))).toEqual([]);
    expect(check({ schemas: [LIST], totalResults: 1, itemsPerPage: 1, startIndex: 1, Resources: [user()] })).toEqual([]);
    expect(check({ schemas: [ERROR], status: "400", scimType: "invalidValue", detail: "no" }, { status: 400 })).toEqual([]);
    expect(check({ schemas: [CONFIG], max: 5 })).toEqual([]);
  });

  it.each([
    ["a URN in schemas that /Schemas does not describe", user({ schemas: [USER, "urn:example:unknown:2.0:User"] }), "which /Schemas does not describe"],
    ["a URN-keyed object not listed in schemas", user({ [EXT]: { level: 1, badge: "b" } }), "is not listed in schemas"],
    ["an undescribed URN-keyed object", user({ "urn:example:unknown:2.0:User": {} }), "is not listed in schemas"],
    ["an extension the resource type does not declare", user({ schemas: [USER, OTHER], [OTHER]: { x: "y" } }), "not an extension of /ResourceTypes/User"],
    ["an attribute the core schema does not define", user({ nickname: "n" }), '"nickname" is not an attribute of'],
    ["an attribute the extension does not define", user({ schemas: [USER, EXT], [EXT]: { badge: "b", color: "red" } }), '"color" is not a defined attribute'],
    ["a sub-attribute not defined", user({ emails: [{ value: "a@x", label: "x" }] }), '"label" is not a defined attribute'],
    ["a string of the wrong type", user({ userName: 5 }), "must be a string"],
    ["a boolean of the wrong type", user({ active: "true" }), "must be a boolean"],
    ["an integer of the wrong type", user({ schemas: [USER, EXT], [EXT]: { badge: "b", level: 1.5 } }), "must be an integer"],
    ["a malformed dateTime", user({ schemas: [USER, EXT], [EXT]: { badge: "b", since: "yesterday" } }), "must be an xsd:dateTime"],
    ["a dateTime without a zone", user({ meta: { ...meta, created: "2026-12-04T10:00:00" } }), "must be an xsd:dateTime"],
    ["a resource reference that is not a URI", user({ profileUrl: "not a uri" }), "is not a URI"],
    ["a complex value that is not an object", user({ emails: ["a@x"] }), "must be a complex value"],
    ["a multi-valued attribute that is not an array", user({ emails: { value: "a@x" } }), "is multi-valued but is not an array"],
    ["a single-valued attribute given as an array", user({ userName: ["a@x"] }), "is single-valued but is an array"],
    ["a value outside the canonical values", user({ emails: [{ value: "a@x", type: "Work" }] }), "is not one of its canonical values"],
    ["two primary values", user({ emails: [{ value: "a@x", primary: true }, { value: "b@x", primary: true }] }), "2 values with primary true"],
    ["a null value", user({ active: null }), "is null"],
    ["a missing required attribute", { schemas: [USER], id: "1", meta }, 'the required attribute "userName" is missing'],
    ["a missing required extension attribute", user({ schemas: [USER, EXT], [EXT]: { level: 1 } }), 'the required attribute "badge" is missing'],
    ["a returned-never attribute", user({ password: "secret" }), 'is returned "never"'],
    ["a missing returned-always attribute (id)", { schemas: [USER], userName: "a@x", meta }, '"id" is returned always'],
    ["a wrong meta.resourceType", user({ meta: { ...meta, resourceType: "Group" } }), "meta.resourceType"],
    ["no schemas", { id: "1", userName: "a" }, '"schemas" must be a non-empty array'],
  ])("rejects %s", (_label, body, message) => {
    expect(check(body).join("\n")).toContain(message);
  });

  it("does not expect required attributes when the request projected attributes", () => {
    expect(check({ schemas: [USER], id: "1" }, { projected: true })).toEqual([]);
  });

  it("checks the ETag header against meta.version (RFC 7644 §3.14)", () => {
    expect(check(user(), { etag: 'W/"2"' }).join()).toContain("differs from meta.version");
  });

  it("rejects malformed errors and lists, and checks resources inside lists", () => {
    expect(check({ schemas: [ERROR], status: 400, detail: "x" }, { status: 400 }).join()).toContain("is not the HTTP status");
    expect(check({ schemas: [ERROR], status: "400", scimType: "badThing" }, { status: 400 }).join()).toContain("Table 9");
    expect(check({ schemas: [ERROR], status: "400", message: "x" }, { status: 400 }).join()).toContain('unknown attribute "message"');
    expect(check({ schemas: [ERROR], status: "415", scimType: "invalidSyntax" }, { status: 415 }).join()).toContain('scimType "invalidSyntax" on a 415');
    expect(check({ schemas: [ERROR], status: "409", scimType: "uniqueness" }, { status: 409 })).toEqual([]);
    expect(check({ schemas: [ERROR], status: "200" }, { status: 200 }).join()).toContain("an Error with HTTP status 200");
    expect(check(user(), { status: 404 }).join()).toContain("must be an");
    expect(check({ schemas: [LIST], itemsPerPage: 2, Resources: [user()] }).join("\n")).toMatch(/totalResults is required[^]*itemsPerPage 2 but 1 Resources/);
    expect(check({ schemas: [LIST], totalResults: 1, Resources: [user({ active: 1 })] }).join()).toContain("Resources[0].active must be a boolean");
    expect(check({ schemas: [LIST], totalResults: 1, Resources: [{ id: "x" }] }).join()).toContain("Resources[0]: \"schemas\"");
  });
});
