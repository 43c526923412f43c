import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import { findAttribute, groupSchema, userSchema, type AttributeDefinition } from "../schema";
import { evaluateElementFilter, evaluateFilter } from "./evaluate-filter";
import { GROUP_CASES, USER_CASES, allGroups, allUsers, byUserId } from "./filter-test-fixtures";
import { parseFilter } from "./parse-filter";

const matching = (filter: string, resources: Record<string, unknown>[], type: "User" | "Group") =>
  resources.filter((r) => evaluateFilter(parseFilter(filter), r, type)).map((r) => r.id as string).sort();

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScimError);
    return e as ScimError;
  }
  throw new Error("expected a ScimError");
}

describe("evaluateFilter: the shared filter table (same expectations as SQL)", () => {
  const users = allUsers();
  const groups = allGroups();
  it.each(USER_CASES)("User [$source] $filter", ({ filter, expected }) => {
    expect(matching(filter, users, "User")).toEqual([...expected].sort());
  });
  it.each(GROUP_CASES)("Group [$source] $filter", ({ filter, expected }) => {
    expect(matching(filter, groups, "Group")).toEqual([...expected].sort());
  });
});

describe("evaluateFilter: semantics beyond SQL", () => {
  const bjensen = byUserId("u-bjensen");

  it("matches attribute names case-insensitively, in the filter and in the resource (RFC 7643 §2.1)", () => {
    expect(evaluateFilter(parseFilter('USERNAME eq "bjensen"'), bjensen, "User")).toBe(true);
    expect(evaluateFilter(parseFilter('Emails.VALUE eq "BJENSEN@example.com"'), bjensen, "User")).toBe(true);
    expect(evaluateFilter(parseFilter('userName eq "x"'), { UserName: "X" }, "User")).toBe(true);
  });

  it("folds non-ASCII case for non-caseExact strings", () => {
    expect(evaluateFilter(parseFilter('displayName eq "ÉLODIE DUPONT"'), byUserId("u-unicode"), "User")).toBe(true);
  });

  it("evaluates members.display, which SQL does not support", () => {
    expect(matching('members[display eq "babs jensen"]', allGroups(), "Group")).toEqual(["g-a"]);
  });

  it("reads meta.version (caseExact) and meta.location from the resource", () => {
    const r = { id: "1", meta: { version: 'W/"3"', location: "https://x/Users/1" } };
    expect(evaluateFilter(parseFilter('meta.version eq "W/\\"3\\""'), r, "User")).toBe(true);
    expect(evaluateFilter(parseFilter('meta.version eq "w/\\"3\\""'), r, "User")).toBe(false);
    expect(evaluateFilter(parseFilter('meta.location sw "https://x/"'), r, "User")).toBe(true);
  });

  it("treats a non-array multi-valued value as absent, and ignores non-object elements", () => {
    const r = { id: "1", emails: { value: "a@x" }, ims: ["a@x", null, { value: "b@x" }] };
    expect(evaluateFilter(parseFilter('emails co "a@x"'), r, "User")).toBe(false);
    expect(evaluateFilter(parseFilter("emails pr"), r, "User")).toBe(false);
    expect(evaluateFilter(parseFilter('ims co "@x"'), r, "User")).toBe(true);
    expect(evaluateFilter(parseFilter('ims eq "a@x"'), r, "User")).toBe(false);
  });

  it("compares dateTimes as instants, whatever the offset", () => {
    const r = { meta: { created: "2020-01-01T10:00:00+02:00" } };
    expect(evaluateFilter(parseFilter('meta.created eq "2020-01-01T08:00:00Z"'), r, "User")).toBe(true);
    expect(evaluateFilter(parseFilter('meta.created lt "2020-01-01T08:00:00.001Z"'), r, "User")).toBe(true);
  });

  it("finds profile fields top-level or under any custom extension URN", () => {
    const under = { "urn:ietf:params:scim:schemas:extension:Other:2.0:User": { profileField_team: "Blue" } };
    expect(evaluateFilter(parseFilter('profileField_team eq "blue"'), under, "User")).toBe(true);
    expect(evaluateFilter(parseFilter('profileField_team eq "blue"'), { profileField_team: "Blue" }, "User")).toBe(true);
    expect(evaluateFilter(parseFilter("profileField_team pr"), { profileField_team: "" }, "User")).toBe(false);
  });

  it("compares numbers given for string attributes as their text", () => {
    expect(evaluateFilter(parseFilter("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter eq 4130"), bjensen, "User")).toBe(true);
  });
});

describe("evaluateFilter: errors are ScimError 400 invalidFilter", () => {
  const r = byUserId("u-bjensen");
  it.each([
    ['unknown attribute', 'nonsense eq "x"', /Unknown attribute "nonsense"/],
    ["unknown sub-attribute", 'name.nonsense eq "x"', /Unknown sub-attribute "name.nonsense"/],
    ["sub-attribute of a simple attribute", 'userName.x eq "x"', /has no sub-attributes/],
    ["unknown schema", 'urn:example:2.0:User:userName eq "x"', /Unknown attribute/],
    ["Group attribute on a User", 'members eq "x"', /Unknown attribute "members"/],
    ["password (returned: never)", 'password eq "secret"', /cannot be used/],
    ["gt on boolean (RFC 7644 §3.4.2.2)", "active gt true", /only eq and ne/],
    ["string for boolean", 'active eq "true"', /compare it with true or false/],
    ["co on dateTime", 'meta.created co "2011"', /dateTime/],
    ["invalid dateTime", 'meta.created gt "yesterday"', /xsd:dateTime/],
    ["impossible date", 'meta.created gt "2011-02-30T00:00:00Z"', /xsd:dateTime/],
    ["boolean for string", "userName eq true", /must be a string/],
    ["complex without sub-attribute", 'name eq "x"', /is complex/],
    ["null with co", "title co null", /null only works with eq and ne/],
    ["value filter on a simple attribute", 'userName[value eq "x"]', /needs a complex attribute/],
    ["unknown sub-attribute in value filter", 'emails[nonsense eq "x"]', /Unknown sub-attribute/],
    ["gt on binary", 'x509Certificates.value gt "x"', /binary/],
  ])("%s", (_name, filter, message) => {
    const error = scimError(() => evaluateFilter(parseFilter(filter), r, "User"));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe("invalidFilter");
    expect(error.message).toMatch(message);
  });
});

describe("evaluateElementFilter: PATCH value-path filters (RFC 7644 §3.5.2) on one element", () => {
  const emails = findAttribute(userSchema.attributes, "emails") as AttributeDefinition;
  const members = findAttribute(groupSchema.attributes, "members") as AttributeDefinition;
  const work = { value: "bjensen@example.com", type: "work", primary: true };
  const home = { value: "babs@jensen.org", type: "home" };

  it.each([
    ['type eq "work"', work, true],
    ['type eq "WORK"', work, true],
    ['type eq "work"', home, false],
    ['type eq "work" and value co "@example.com"', work, true],
    ["primary eq true", work, true],
    ["primary eq true", home, false],
    ["not (primary pr)", home, true],
    ['type ne "work"', home, true],
    ['display pr or value ew ".org"', home, true],
  ])("emails[%s] on %j → %s", (filter, element, expected) => {
    expect(evaluateElementFilter(parseFilter(filter), element, emails)).toBe(expected);
  });

  it("selects group members by value (Entra ID remove-member PATCH)", () => {
    const filter = parseFilter('value eq "7E1A9B"');
    expect(evaluateElementFilter(filter, { value: "7e1a9b", type: "User" }, members)).toBe(true);
    expect(evaluateElementFilter(filter, { value: "other" }, members)).toBe(false);
  });

  it("treats a non-object element as having no sub-attributes", () => {
    expect(evaluateElementFilter(parseFilter('value eq "x"'), "x", emails)).toBe(false);
    expect(evaluateElementFilter(parseFilter("not (value pr)"), null, emails)).toBe(true);
  });

  it("resolves paths against the parent's sub-attributes only", () => {
    expect(() => evaluateElementFilter(parseFilter('userName eq "x"'), work, emails)).toThrowError(/Unknown sub-attribute "emails\[userName\]"/);
    expect(() => evaluateElementFilter(parseFilter('emails[type eq "x"]'), work, emails)).toThrowError(ScimError);
  });

  it("lets `value` name the element itself for a multi-valued attribute of simple values", () => {
    const tags: AttributeDefinition = { ...emails, name: "tags", type: "string", subAttributes: undefined };
    expect(evaluateElementFilter(parseFilter('value eq "Blue"'), "blue", tags)).toBe(true);
  });
});
