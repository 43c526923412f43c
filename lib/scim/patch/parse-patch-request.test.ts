import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import { SCHEMA_ENTERPRISE_USER as ENTERPRISE, SCHEMA_PATCH_OP as PATCH_OP } from "../schema";
import { IDP_FIXTURES } from "../test-support/fixtures";
import { parsePatchPath } from "./parse-patch-path";
import { MAX_PATCH_OPERATIONS, parsePatchRequest } from "./parse-patch-request";

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error("expected a ScimError");
}

describe("parsePatchRequest (rfc7644 §3.5.2)", () => {
  it("entra: Disable User (tutorial): op names lower-cased", () => {
    expect(parsePatchRequest(IDP_FIXTURES.entraDisableUser.body)).toEqual([{ op: "replace", path: "active", value: false }]);
    expect(parsePatchRequest(IDP_FIXTURES.entraDisableUserLegacy.body)).toEqual([{ op: "replace", path: "active", value: "False" }]);
  });

  it("entra aadOptscim062020: path-less replace with an object value", () => {
    const ops = parsePatchRequest(IDP_FIXTURES.entraReplaceMultipleFlag.body);
    expect(ops[1]).toEqual({ op: "replace", value: IDP_FIXTURES.entraReplaceMultipleFlag.body.Operations[1].value });
  });

  it("lenient: no schemas, lower-case 'operations', null or empty path, empty Operations", () => {
    expect(parsePatchRequest({ operations: [{ op: "add", path: null, value: { title: "x" } }] })).toEqual([{ op: "add", value: { title: "x" } }]);
    expect(parsePatchRequest({ Operations: [{ op: "Replace", path: "", value: { title: "x" } }] })).toEqual([{ op: "replace", value: { title: "x" } }]);
    expect(parsePatchRequest({ schemas: [PATCH_OP], Operations: [] })).toEqual([]);
  });

  it("replace with value null or \"\" is kept (it clears the attribute)", () => {
    expect(parsePatchRequest({ Operations: [{ op: "replace", path: "title", value: "" }] })).toEqual([{ op: "replace", path: "title", value: "" }]);
    expect(parsePatchRequest({ Operations: [{ op: "replace", path: "title", value: null }] })).toEqual([{ op: "replace", path: "title", value: null }]);
  });

  const rejected: { name: string; body: unknown; status?: number; scimType: string; detail?: RegExp }[] = [
    { name: "not an object", body: "[]", scimType: "invalidSyntax" },
    { name: "an array", body: [{ op: "add" }], scimType: "invalidSyntax" },
    { name: "no Operations", body: { schemas: [PATCH_OP] }, scimType: "invalidSyntax", detail: /Operations/ },
    { name: "Operations not an array", body: { Operations: { op: "add" } }, scimType: "invalidSyntax" },
    { name: "schemas without PatchOp", body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], Operations: [] }, scimType: "invalidSyntax" },
    { name: "schemas not an array", body: { schemas: PATCH_OP, Operations: [] }, scimType: "invalidSyntax" },
    { name: "an operation not an object", body: { Operations: ["add"] }, scimType: "invalidSyntax", detail: /Operations\[0\]/ },
    { name: "unsupported op", body: { Operations: [{ op: "move", path: "title", value: "x" }] }, scimType: "invalidValue", detail: /unsupported op "move"/ },
    { name: "op missing", body: { Operations: [{ path: "title", value: "x" }] }, scimType: "invalidValue", detail: /unsupported op/ },
    { name: "add without value", body: { Operations: [{ op: "add", path: "title" }] }, scimType: "invalidValue", detail: /needs a "value"/ },
    { name: "path-less replace with a string value", body: { Operations: [{ op: "replace", value: "x" }] }, scimType: "invalidValue" },
    { name: "rfc7644 §3.5.2.2 remove without path", body: { Operations: [{ op: "remove" }] }, scimType: "noTarget" },
    { name: "path not a string", body: { Operations: [{ op: "remove", path: 5 }] }, scimType: "invalidPath" },
    { name: "bad path syntax", body: { Operations: [{ op: "remove", path: "emails[type eq" }] }, scimType: "invalidPath", detail: /Operations\[0\]/ },
    {
      name: `more than ${MAX_PATCH_OPERATIONS} operations`,
      body: { Operations: Array.from({ length: MAX_PATCH_OPERATIONS + 1 }, () => ({ op: "remove", path: "title" })) },
      scimType: "invalidValue",
      detail: /Too many operations/,
    },
  ];
  it.each(rejected)("rejects $name", ({ body, scimType, detail }) => {
    const e = scimError(() => parsePatchRequest(body));
    expect(e.status).toBe(400);
    expect(e.scimType).toBe(scimType);
    if (detail) expect(e.message).toMatch(detail);
  });
});

describe("parsePatchPath (rfc7644 §3.5.2 PATH)", () => {
  const cases: { path: string; expected: unknown }[] = [
    { path: "title", expected: { attribute: "title" } },
    { path: "name.givenName", expected: { attribute: "name", subAttribute: "givenName" } },
    { path: `${ENTERPRISE}:manager`, expected: { schema: ENTERPRISE, attribute: "manager" } },
    { path: `${ENTERPRISE.toLowerCase()}:manager.value`, expected: { schema: ENTERPRISE, attribute: "manager", subAttribute: "value" } },
    { path: "urn:ietf:params:scim:schemas:core:2.0:User:userName", expected: { schema: "urn:ietf:params:scim:schemas:core:2.0:User", attribute: "userName" } },
    { path: ENTERPRISE, expected: { attribute: ENTERPRISE } },
    {
      path: 'emails[type eq "work"]',
      expected: { attribute: "emails", filter: { type: "compare", op: "eq", path: { attribute: "type" }, value: "work" } },
    },
    {
      path: 'emails[type eq "work"].value',
      expected: { attribute: "emails", subAttribute: "value", filter: { type: "compare", op: "eq", path: { attribute: "type" }, value: "work" } },
    },
    {
      path: 'addresses[type eq "work" and primary eq true].streetAddress',
      expected: {
        attribute: "addresses",
        subAttribute: "streetAddress",
        filter: {
          type: "and",
          left: { type: "compare", op: "eq", path: { attribute: "type" }, value: "work" },
          right: { type: "compare", op: "eq", path: { attribute: "primary" }, value: true },
        },
      },
    },
    { path: 'members[value eq "a]b"]', expected: { attribute: "members", filter: { type: "compare", op: "eq", path: { attribute: "value" }, value: "a]b" } } },
    // Pre-2018 Entra (customappsso) wrote a "." after the extension URN.
    { path: `${ENTERPRISE}.employeeNumber`, expected: { schema: ENTERPRISE, attribute: "employeeNumber" } },
    { path: "profileField_city", expected: { attribute: "profileField_city" } },
  ];
  it.each(cases)("$path", ({ path, expected }) => expect(parsePatchPath(path)).toEqual(expected));

  const bad = [
    "",
    "   ",
    "a.b.c",
    "emails[type eq]",
    'emails[type eq "work"',
    'emails[type eq "work"]value',
    'emails[type eq "work"].value.x',
    'emails.value[type eq "work"]',
    'emails[type eq "work"] or phoneNumbers[type eq "work"]',
    "na me",
    "title eq 1",
    "x".repeat(5000),
  ];
  it.each(bad)("rejects %j with invalidPath", (path) => {
    const e = scimError(() => parsePatchPath(path));
    expect([e.status, e.scimType]).toEqual([400, "invalidPath"]);
  });
});
