import { describe, expect, it } from "vitest";
import { ScimError, invalidPath } from "../errors";
import { SCHEMA_ENTERPRISE_USER, SCHEMA_USER } from "../schema";
import type { Filter } from "./ast";
import { GROUP_CASES, USER_CASES } from "./filter-test-fixtures";
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseAttributePath, parseFilter } from "./parse-filter";

const cmp = (attribute: string, op: string, value: unknown, extra: Record<string, string> = {}): Filter =>
  ({ type: "compare", op, path: { ...(extra.schema ? { schema: extra.schema } : {}), attribute, ...(extra.sub ? { subAttribute: extra.sub } : {}) }, value }) as Filter;
const pr = (attribute: string, sub?: string): Filter => ({ type: "present", path: sub ? { attribute, subAttribute: sub } : { attribute } });
const and = (left: Filter, right: Filter): Filter => ({ type: "and", left, right });
const or = (left: Filter, right: Filter): Filter => ({ type: "or", left, right });
const not = (filter: Filter): Filter => ({ type: "not", filter });
const vp = (attribute: string, filter: Filter): Filter => ({ type: "valuePath", path: { attribute }, filter });

function parseError(text: string): ScimError {
  try {
    parseFilter(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ScimError);
    return e as ScimError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe("parseFilter: RFC 7644 §3.4.2.2 example filters", () => {
  const cases: [string, Filter][] = [
    ['userName eq "bjensen"', cmp("userName", "eq", "bjensen")],
    [`name.familyName co "O'Malley"`, cmp("name", "co", "O'Malley", { sub: "familyName" })],
    ['userName sw "J"', cmp("userName", "sw", "J")],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', cmp("userName", "sw", "J", { schema: SCHEMA_USER })],
    ["title pr", pr("title")],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', cmp("meta", "gt", "2011-05-13T04:42:34Z", { sub: "lastModified" })],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', cmp("meta", "ge", "2011-05-13T04:42:34Z", { sub: "lastModified" })],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', cmp("meta", "lt", "2011-05-13T04:42:34Z", { sub: "lastModified" })],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', cmp("meta", "le", "2011-05-13T04:42:34Z", { sub: "lastModified" })],
    ['title pr and userType eq "Employee"', and(pr("title"), cmp("userType", "eq", "Employee"))],
    ['title pr or userType eq "Intern"', or(pr("title"), cmp("userType", "eq", "Intern"))],
    [`schemas eq "${SCHEMA_ENTERPRISE_USER}"`, cmp("schemas", "eq", SCHEMA_ENTERPRISE_USER)],
    [
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      and(cmp("userType", "eq", "Employee"), or(cmp("emails", "co", "example.com"), cmp("emails", "co", "example.org", { sub: "value" }))),
    ],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      and(cmp("userType", "ne", "Employee"), not(or(cmp("emails", "co", "example.com"), cmp("emails", "co", "example.org", { sub: "value" })))),
    ],
    ['userType eq "Employee" and (emails.type eq "work")', and(cmp("userType", "eq", "Employee"), cmp("emails", "eq", "work", { sub: "type" }))],
    [
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      and(cmp("userType", "eq", "Employee"), vp("emails", and(cmp("type", "eq", "work"), cmp("value", "co", "@example.com")))),
    ],
    [
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      or(
        vp("emails", and(cmp("type", "eq", "work"), cmp("value", "co", "@example.com"))),
        vp("ims", and(cmp("type", "eq", "xmpp"), cmp("value", "co", "@foo.com"))),
      ),
    ],
  ];
  it.each(cases)("%s", (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });
});

describe("parseFilter: identity providers", () => {
  const cases: [string, string, Filter][] = [
    ["Entra ID test connection", 'userName eq "7ca9f7c5-6d4e-4a83-9b0f-2d1c0e6a5b3f"', cmp("userName", "eq", "7ca9f7c5-6d4e-4a83-9b0f-2d1c0e6a5b3f")],
    ["Entra ID", 'externalId eq "a1b2c3"', cmp("externalId", "eq", "a1b2c3")],
    ["Entra ID", 'displayName eq "Group A"', cmp("displayName", "eq", "Group A")],
    [
      "Entra ID membership check",
      'id eq "0f8c2d" and members[value eq "7e1a9b"]',
      and(cmp("id", "eq", "0f8c2d"), vp("members", cmp("value", "eq", "7e1a9b"))),
    ],
    [
      "common in practice: value path then sub-attribute",
      'emails[type eq "work"].value eq "x@example.com"',
      vp("emails", and(cmp("type", "eq", "work"), cmp("value", "eq", "x@example.com"))),
    ],
    ["value path then sub-attribute pr", 'emails[type eq "work"].value pr', vp("emails", and(cmp("type", "eq", "work"), pr("value")))],
    [
      "Entra ID custom extension attribute",
      'urn:ietf:params:scim:schemas:extension:CustomExt:2.0:User:profileField_city eq "Berlin"',
      cmp("profileField_city", "eq", "Berlin", { schema: "urn:ietf:params:scim:schemas:extension:CustomExt:2.0:User" }),
    ],
    [
      "enterprise extension",
      `${SCHEMA_ENTERPRISE_USER}:employeeNumber eq "701984"`,
      cmp("employeeNumber", "eq", "701984", { schema: SCHEMA_ENTERPRISE_USER }),
    ],
    [
      "enterprise extension sub-attribute",
      `${SCHEMA_ENTERPRISE_USER}:manager.value eq "26118915"`,
      cmp("manager", "eq", "26118915", { schema: SCHEMA_ENTERPRISE_USER, sub: "value" }),
    ],
    [
      "core URN with sub-attribute",
      `${SCHEMA_USER}:name.givenName eq "Barbara"`,
      cmp("name", "eq", "Barbara", { schema: SCHEMA_USER, sub: "givenName" }),
    ],
    [
      "Entra ID sends query strings with + for spaces; URLSearchParams decodes, extra spaces remain",
      '  userName   eq\t"bjensen"  ',
      cmp("userName", "eq", "bjensen"),
    ],
  ];
  it.each(cases)("%s: %s", (_source, text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });

  it("parses every filter of the shared evaluation table", () => {
    for (const c of [...USER_CASES, ...GROUP_CASES]) expect(() => parseFilter(c.filter), c.filter).not.toThrow();
  });
});

describe("parseFilter: grammar details", () => {
  it("gives not > and > or precedence", () => {
    expect(parseFilter("a pr or b pr and c pr")).toEqual(or(pr("a"), and(pr("b"), pr("c"))));
    expect(parseFilter("a pr and b pr or c pr")).toEqual(or(and(pr("a"), pr("b")), pr("c")));
    expect(parseFilter("not (a pr) and b pr")).toEqual(and(not(pr("a")), pr("b")));
    expect(parseFilter("not a pr and b pr")).toEqual(and(not(pr("a")), pr("b")));
    expect(parseFilter("a pr and (b pr or c pr)")).toEqual(and(pr("a"), or(pr("b"), pr("c"))));
  });

  it("is left-associative", () => {
    expect(parseFilter("a pr or b pr or c pr")).toEqual(or(or(pr("a"), pr("b")), pr("c")));
  });

  it("treats operators and logical words case-insensitively (ABNF strings are case-insensitive)", () => {
    expect(parseFilter('userName EQ "x" And title Pr OR NOT (active eq TRUE)')).toEqual(
      or(and(cmp("userName", "eq", "x"), pr("title")), not(cmp("active", "eq", true))),
    );
  });

  it.each([
    ["true", true],
    ["false", false],
    ["null", null],
    ["Null", null],
    ["42", 42],
    ["-1.5e3", -1500],
    ["0", 0],
    ['"with \\"quotes\\" and \\\\ backslash"', 'with "quotes" and \\ backslash'],
    ['"\\u00e9l\\u00E8ve \\/ \\t\\n"', "élève / \t\n"],
    ['"%_*"', "%_*"],
    ['""', ""],
  ])("compValue %s", (literal, value) => {
    expect(parseFilter(`x eq ${literal}`)).toEqual(cmp("x", "eq", value));
  });

  it("keeps schema URNs: the URN is everything before the last ':'", () => {
    expect(parseFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:department eq "x"')).toEqual(
      cmp("department", "eq", "x", { schema: SCHEMA_ENTERPRISE_USER }),
    );
    expect(parseFilter("urn:example:params:x:2.0:Thing:attr pr")).toEqual({
      type: "present",
      path: { schema: "urn:example:params:x:2.0:Thing", attribute: "attr" },
    });
  });

  it("accepts $ref and names with - and _", () => {
    expect(parseFilter('members.$ref eq "https://x/Users/1"')).toEqual(cmp("members", "eq", "https://x/Users/1", { sub: "$ref" }));
    expect(parseFilter('groups[$REF co "x"]')).toEqual(vp("groups", cmp("$ref", "co", "x")));
    expect(parseFilter("x-y_z1 pr")).toEqual(pr("x-y_z1"));
  });

  it("accepts nesting up to the limit and a long flat chain within the length limit", () => {
    const nested = "(".repeat(MAX_FILTER_DEPTH) + "a pr" + ")".repeat(MAX_FILTER_DEPTH);
    expect(parseFilter(nested)).toEqual(pr("a"));
    const chain = Array.from({ length: 400 }, (_, i) => `a${i % 10} pr`).join(" or ");
    expect(chain.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
    expect(parseFilter(chain).type).toBe("or");
  });
});

describe("parseFilter: invalid filters → 400 invalidFilter", () => {
  const cases: [string, string, RegExp][] = [
    ["empty", "", /empty/],
    ["blank", "   ", /empty/],
    ["missing value", "userName eq", /Expected a value .* after "eq" at position 12, found the end of the filter/],
    ["unknown operator", 'userName zz "x"', /Unknown operator "zz" at position 10/],
    ["missing operator", "userName", /Expected an operator .* at position 9/],
    ["value first", '"x" eq userName', /Expected an attribute name at position 1, found string "x"/],
    ["unbalanced (", '(userName eq "x"', /Missing "\)" for the "\(" at position 1/],
    ["unbalanced )", 'userName eq "x")', /Unexpected "\)" at position 16/],
    ["unbalanced [", 'emails[type eq "work"', /Missing "]"/],
    ["unterminated string", 'userName eq "bjensen', /Unterminated string starting at position 13/],
    ["single quotes", "userName eq 'bjensen'", /double quotes/],
    ["bad escape", 'userName eq "a\\qb"', /Invalid escape sequence/],
    ["short unicode escape", 'userName eq "\\u12"', /Invalid escape sequence/],
    ["NUL character", 'userName eq "a\\u0000b"', /NUL/],
    ["dangling and", 'userName eq "x" and', /Expected an attribute name .* found the end of the filter/],
    ["double operator", 'userName eq eq "x"', /Expected a value/],
    ["two expressions", 'userName eq "x" title pr', /Expected "and", "or" or the end of the filter at position 17/],
    ["bare value", '"bjensen"', /Expected an attribute name/],
    ["unquoted string value", "userName eq bjensen", /Expected a value/],
    ["bad number", "x eq 01", /Invalid number/],
    ["number with letters", "x eq 12ab", /Invalid number/],
    ["number out of range", "x eq 1e999", /out of range/],
    ["attribute starting with digit", '1abc eq "x"', /Invalid number at position 1/],
    ["number where a name belongs", '1 eq "x"', /Expected an attribute name at position 1, found number 1/],
    ["too many dots", 'name.familyName.x eq "x"', /at most one sub-attribute/],
    ["empty sub-attribute", 'name. eq "x"', /Invalid attribute name/],
    ["colon without URN", 'foo:bar eq "x"', /must be a URN/],
    ["URN without attribute", 'urn:ietf:params:scim:schemas:core:2.0:User: eq "x"', /Missing attribute name after schema URN/],
    ["nested value filter", 'emails[type[value eq "x"]]', /cannot be nested/],
    ["sub-attribute in value filter", 'emails[name.familyName eq "x"]', /plain name/],
    ["URN in value filter", `emails[${SCHEMA_USER}:type eq "x"]`, /plain name/],
    ["value filter on sub-attribute", 'name.x[value eq "x"]', /must follow an attribute/],
    ["empty value filter", "emails[]", /Expected an attribute name/],
    ["dotted sub after ] with space", 'emails[type eq "work"] .value eq "x"', /Expected "and", "or"/],
    ["unexpected character", 'userName eq "x" & title pr', /Unexpected character "&" at position 17/],
    ["not without operand", "not", /Expected an attribute name/],
    ["too deep (parentheses)", "(".repeat(MAX_FILTER_DEPTH + 1) + "a pr" + ")".repeat(MAX_FILTER_DEPTH + 1), /nested more than 32 levels/],
    ["too deep (not)", "not ".repeat(MAX_FILTER_DEPTH + 1) + "a pr", /nested more than 32 levels/],
    ["too long", `userName eq "${"x".repeat(MAX_FILTER_LENGTH)}"`, /longer than 4096/],
  ];
  it.each(cases)("%s", (_name, text, message) => {
    const error = parseError(text);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe("invalidFilter");
    expect(error.message).toMatch(message);
  });

  it("survives 100 000 nested parentheses without a stack overflow (length limit first)", () => {
    expect(parseError("(".repeat(100_000)).scimType).toBe("invalidFilter");
  });

  it("rejects a non-string input", () => {
    expect(parseError(undefined as unknown as string).scimType).toBe("invalidFilter");
  });
});

describe("parseAttributePath (attributes=, sortBy=)", () => {
  it.each([
    ["userName", { attribute: "userName" }],
    [" name.familyName ", { attribute: "name", subAttribute: "familyName" }],
    [`${SCHEMA_ENTERPRISE_USER}:manager.value`, { schema: SCHEMA_ENTERPRISE_USER, attribute: "manager", subAttribute: "value" }],
    ["members.$ref", { attribute: "members", subAttribute: "$ref" }],
  ])("%s", (text, expected) => {
    expect(parseAttributePath(text)).toEqual(expected);
  });

  it.each(["", "a b", "emails[type eq \"x\"]", "a.b.c", "9a", "a:b"])("rejects %j", (text) => {
    expect(() => parseAttributePath(text)).toThrowError(ScimError);
  });

  it("uses the error factory it is given", () => {
    try {
      parseAttributePath("a b", invalidPath);
      expect.unreachable();
    } catch (e) {
      expect((e as ScimError).scimType).toBe("invalidPath");
    }
  });
});
