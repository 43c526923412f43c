import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import { SCHEMA_PATCH_OP as PATCH_OP } from "../schema";
import { IDP_FIXTURES } from "../test-support/fixtures";
import { parsePatchRequest } from "./parse-patch-request";
import { MAX_MEMBERS_PER_REQUEST, planGroupPatch, type GroupPatchPlan } from "./plan-group-patch";

const body = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });
const plan = (request: unknown) => planGroupPatch(parsePatchRequest(request));

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error("expected a ScimError");
}

const cases: { name: string; request: unknown; expected: GroupPatchPlan }[] = [
  {
    name: "entra: Update Group [Add Members] (tutorial, verbatim)",
    request: IDP_FIXTURES.entraAddMembers.body,
    expected: { attributeOps: [], memberChanges: [{ kind: "add", ids: ["f648f8d5ea4e4cd38e9c"] }] },
  },
  {
    name: "entra: Update Group [Remove Members] (tutorial, verbatim) removes ONLY the listed member",
    request: IDP_FIXTURES.entraRemoveMembers.body,
    expected: { attributeOps: [], memberChanges: [{ kind: "remove", ids: ["f648f8d5ea4e4cd38e9c"] }] },
  },
  {
    name: 'entra aadOptscim062020: remove members[value eq "id"]',
    request: IDP_FIXTURES.entraRemoveMemberFlag.body,
    expected: { attributeOps: [], memberChanges: [{ kind: "remove", ids: ["7f4bc1a3-285e-48ae-8202-5accb43efb0e"] }] },
  },
  {
    name: "entra: Update Group [Non-member attributes] (tutorial, verbatim)",
    request: IDP_FIXTURES.entraUpdateGroupNonMember.body,
    expected: { attributeOps: parsePatchRequest(IDP_FIXTURES.entraUpdateGroupNonMember.body), memberChanges: [] },
  },
  {
    name: "rfc7644 §3.5.2.1 add members",
    request: body({ op: "add", path: "members", value: [{ display: "Babs Jensen", $ref: "https://x/Users/2819c223", value: "2819c223" }, { value: "u2" }] }),
    expected: { attributeOps: [], memberChanges: [{ kind: "add", ids: ["2819c223", "u2"] }] },
  },
  {
    name: 'rfc7644 §3.5.2.2 remove members[value eq "a" or value eq "b"]',
    request: body({ op: "remove", path: 'members[value eq "a" or value eq "b" or value eq "a"]' }),
    expected: { attributeOps: [], memberChanges: [{ kind: "remove", ids: ["a", "b"] }] },
  },
  {
    name: "rfc7644 §3.5.2.2 remove members with another filter → removeWhere",
    request: body({ op: "remove", path: 'members[display sw "Temp"]' }),
    expected: {
      attributeOps: [],
      memberChanges: [{ kind: "removeWhere", filter: { type: "compare", op: "sw", path: { attribute: "display" }, value: "Temp" } }],
    },
  },
  {
    name: "rfc7644 §3.5.2.2 remove members without a value removes all",
    request: body({ op: "remove", path: "members" }),
    expected: { attributeOps: [], memberChanges: [{ kind: "removeAll" }] },
  },
  {
    name: "remove members with an empty list removes nobody",
    request: body({ op: "remove", path: "members", value: [] }),
    expected: { attributeOps: [], memberChanges: [] },
  },
  {
    name: "rfc7644 §3.5.2.3 replace members (order kept: replace then add)",
    request: body({ op: "replace", path: "members", value: [{ value: "a" }] }, { op: "add", path: "members", value: [{ value: "b" }] }),
    expected: {
      attributeOps: [],
      memberChanges: [
        { kind: "replace", ids: ["a"] },
        { kind: "add", ids: ["b"] },
      ],
    },
  },
  {
    name: "replace members with [] removes all",
    request: body({ op: "replace", path: "members", value: [] }),
    expected: { attributeOps: [], memberChanges: [{ kind: "removeAll" }] },
  },
  {
    name: "okta: path-less replace {id, displayName} is an attribute operation",
    request: body({ op: "replace", value: { id: "g1", displayName: "Renamed" } }),
    expected: { attributeOps: [{ op: "replace", value: { id: "g1", displayName: "Renamed" } }], memberChanges: [] },
  },
  {
    name: "path-less add with members and displayName is split",
    request: body({ op: "add", value: { displayName: "G", members: [{ value: "u1" }] } }),
    expected: { attributeOps: [{ op: "add", value: { displayName: "G" } }], memberChanges: [{ kind: "add", ids: ["u1"] }] },
  },
  {
    name: "path-less replace with only members",
    request: body({ op: "Replace", value: { Members: [{ value: "u1" }, { value: "u1" }] } }),
    expected: { attributeOps: [], memberChanges: [{ kind: "replace", ids: ["u1"] }] },
  },
  {
    name: "URN-qualified members path; op and attribute case-insensitive",
    request: body({ op: "ADD", path: "urn:ietf:params:scim:schemas:core:2.0:Group:Members", value: { value: "u9" } }),
    expected: { attributeOps: [], memberChanges: [{ kind: "add", ids: ["u9"] }] },
  },
];

describe("planGroupPatch", () => {
  it.each(cases)("$name", ({ request, expected }) => expect(plan(request)).toEqual(expected));

  const rejected: { name: string; request: unknown; scimType: string; detail?: RegExp }[] = [
    { name: "member without value", request: body({ op: "add", path: "members", value: [{ display: "x" }] }), scimType: "invalidValue", detail: /members\[0\]\.value/ },
    { name: "member value not a string", request: body({ op: "add", path: "members", value: [{ value: 1 }] }), scimType: "invalidValue" },
    { name: "members value a string", request: body({ op: "add", path: "members", value: "u1" }), scimType: "invalidValue" },
    { name: "remove with an invalid member list", request: body({ op: "remove", path: "members", value: [{ nope: 1 }] }), scimType: "invalidValue" },
    { name: "add with a members filter", request: body({ op: "add", path: 'members[value eq "x"]', value: { value: "x" } }), scimType: "invalidPath" },
    { name: "a members sub-attribute", request: body({ op: "replace", path: "members.display", value: "x" }), scimType: "invalidPath" },
    {
      name: `more than ${MAX_MEMBERS_PER_REQUEST} members`,
      request: body(
        { op: "add", path: "members", value: Array.from({ length: MAX_MEMBERS_PER_REQUEST }, (_, i) => ({ value: `u${i}` })) },
        { op: "remove", path: "members", value: [{ value: "x" }] },
      ),
      scimType: "invalidValue",
      detail: /Too many members/,
    },
  ];
  it.each(rejected)("rejects $name", ({ request, scimType, detail }) => {
    const e = scimError(() => plan(request));
    expect([e.status, e.scimType]).toEqual([400, scimType]);
    if (detail) expect(e.message).toMatch(detail);
  });

  it(`accepts exactly ${MAX_MEMBERS_PER_REQUEST} members`, () => {
    const ids = Array.from({ length: MAX_MEMBERS_PER_REQUEST }, (_, i) => ({ value: `u${i}` }));
    expect(plan(body({ op: "add", path: "members", value: ids })).memberChanges[0]).toMatchObject({ kind: "add" });
  });
});
