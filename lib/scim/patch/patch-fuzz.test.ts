// Robustness: whatever an identity provider (or an attacker) sends as a PATCH body, the engine
// answers with a result or a ScimError (a 4xx with a reason) — never another exception (a 500).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import { normalizeGroup } from "../resource/normalize-group";
import { normalizeUser } from "../resource/normalize-user";
import { toScimGroup } from "../resource/to-scim";
import { SCHEMA_ENTERPRISE_USER as ENTERPRISE, SCHEMA_PATCH_OP as PATCH_OP } from "../schema";
import { BASE_URL, CUSTOM, scimUser } from "../test-support/fixtures";
import { applyPatch } from "./apply-patch";
import { parsePatchRequest } from "./parse-patch-request";
import { planGroupPatch } from "./plan-group-patch";

const user = scimUser({
  userName: "bjensen@example.com",
  name: { givenName: "Barbara", familyName: "Jensen" },
  emails: [
    { value: "bjensen@example.com", type: "work", primary: true },
    { value: "babs@jensen.org", type: "home" },
  ],
  roles: [{ value: "User", primary: true }],
  [ENTERPRISE]: { department: "Tours", manager: { value: "m-1" } },
  [CUSTOM]: { profileField_city: "Paris" },
  badges: [{ kind: "gold" }],
});
const group = toScimGroup(
  { id: "g1", displayName: "Tour Guides", externalId: "e1", resource: { owner: "me" }, version: 1, createdAt: new Date(0), updatedAt: new Date(0) },
  undefined,
  { baseUrl: BASE_URL },
);

const GOOD_PATHS = [
  "title",
  "active",
  "userName",
  "displayName",
  "externalId",
  "name.givenName",
  "name",
  "emails",
  'emails[type eq "work"].value',
  'emails[type eq "work"]',
  'emails[value co "@"].primary',
  'phoneNumbers[type eq "mobile"].value',
  'addresses[type eq "work"].streetAddress',
  'roles[primary eq "True"].value',
  'roles[primary eq true and value sw "U"]',
  'badges[kind eq "gold"].level',
  `${ENTERPRISE}:manager`,
  `${ENTERPRISE}:manager.value`,
  `${ENTERPRISE}:department`,
  ENTERPRISE,
  `${CUSTOM}:profileField_city`,
  "profileField_city",
  "members",
  'members[value eq "u1"]',
  'members[value eq "a" or value eq "b"]',
  'members[display sw "x"]',
  "urn:ietf:params:scim:schemas:core:2.0:User:userName",
  "urn:ietf:params:scim:schemas:core:2.0:Group:members",
  "id",
  "meta",
  "groups",
  "schemas",
  "password",
];

/** A known path, or one with a few characters inserted, deleted or replaced. */
const mutatedPath = fc
  .tuple(fc.constantFrom(...GOOD_PATHS), fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3 }))
  .map(([p, at, del, insert]) => {
    const i = at % (p.length + 1);
    return p.slice(0, i) + insert + p.slice(i + del);
  });

const path = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...GOOD_PATHS) },
  { weight: 4, arbitrary: mutatedPath },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, "", 7, ["title"]) },
);

const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("True", "False", "", null, true, false, 0, -1.5, "m-2"));
const element = fc.dictionary(fc.constantFrom("value", "type", "primary", "display", "Value", "kind", "$ref"), scalar, { maxKeys: 4 });
const pathKeyedObject = fc.dictionary(fc.oneof(fc.constantFrom(...GOOD_PATHS), mutatedPath), fc.oneof(scalar, element, fc.array(element, { maxLength: 3 })), {
  maxKeys: 4,
});
const value = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 2, arbitrary: element },
  { weight: 2, arbitrary: fc.array(element, { maxLength: 4 }) },
  { weight: 3, arbitrary: pathKeyedObject },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

const op = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("add", "Add", "replace", "Replace", "remove", "Remove", "REPLACE") },
  { weight: 1, arbitrary: fc.constantFrom("move", "copy", "", null, 3) },
);

const operation = fc.record(
  { op, path, value },
  { requiredKeys: ["op"] },
);

const patchBody = fc.oneof(
  { weight: 8, arbitrary: fc.record({ schemas: fc.constant([PATCH_OP]), Operations: fc.array(operation, { maxLength: 6 }) }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { schemas: fc.oneof(fc.constant([PATCH_OP]), fc.jsonValue()), Operations: fc.oneof(fc.array(operation), fc.jsonValue()) },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 5 }) },
);

/** Runs the whole pipeline as the server does, for a User and a Group. */
function runPipeline(body: unknown) {
  const ops = parsePatchRequest(body);
  const patchedUser = applyPatch(user, ops, "User");
  normalizeUser(patchedUser, { mode: "replace" });
  const plan = planGroupPatch(ops);
  const patchedGroup = applyPatch(group, plan.attributeOps, "Group");
  normalizeGroup({ ...patchedGroup, members: undefined });
}

function onlyScimErrors(body: unknown) {
  try {
    runPipeline(body);
  } catch (e) {
    if (!(e instanceof ScimError)) throw new Error(`non-SCIM error for ${JSON.stringify(body)}: ${(e as Error)?.stack ?? e}`);
    expect(e.status).toBeGreaterThanOrEqual(400);
    expect(e.status).toBeLessThan(500);
  }
}

describe("PATCH fuzzing", () => {
  it("3000 generated and mutated PATCH bodies: a result or a ScimError, input never modified", () => {
    const userBefore = JSON.stringify(user);
    const groupBefore = JSON.stringify(group);
    let succeeded = 0;
    fc.assert(
      fc.property(patchBody, (body) => {
        try {
          runPipeline(body);
          succeeded++;
        } catch {
          /* checked below */
        }
        onlyScimErrors(body);
      }),
      { numRuns: 3000, seed: 20200620 },
    );
    expect(JSON.stringify(user)).toBe(userBefore);
    expect(JSON.stringify(group)).toBe(groupBefore);
    // The generator must exercise the success paths too, not only rejections.
    expect(succeeded).toBeGreaterThan(300);
  });

  it("500 arbitrary JSON values as bodies", () => {
    fc.assert(fc.property(fc.anything({ maxDepth: 4 }), onlyScimErrors), { numRuns: 500 });
  });

  it("deeply nested values are a 400, not a stack overflow", () => {
    const deep = JSON.parse("[".repeat(5000) + "]".repeat(5000));
    onlyScimErrors({ Operations: [{ op: "add", path: "x", value: deep }] });
    onlyScimErrors({ Operations: [{ op: "add", value: { x: deep } }] });
  });

  it("normalizeUser on arbitrary JSON: a result or a ScimError", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.record({ userName: scalar, emails: value, active: scalar, name: value }, { requiredKeys: [] })), (input) => {
        try {
          normalizeUser(input, { mode: "create" });
        } catch (e) {
          if (!(e instanceof ScimError)) throw e;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
