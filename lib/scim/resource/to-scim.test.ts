import { describe, expect, it } from "vitest";
import { SCHEMA_ENTERPRISE_USER as ENTERPRISE } from "../schema";
import { BASE_URL, CUSTOM, IDP_FIXTURES, userRecord } from "../test-support/fixtures";
import { normalizeGroup } from "./normalize-group";
import { normalizeUser } from "./normalize-user";
import { clientView, toScimGroup, toScimUser } from "./to-scim";

const ctx = { baseUrl: BASE_URL };

describe("toScimUser", () => {
  it("entra: the Create User response shape (tutorial)", () => {
    const out = toScimUser(userRecord(IDP_FIXTURES.entraCreateUser.body), ctx);
    expect(out).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      id: "5171a35d82074e068ce2",
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
      emails: [{ primary: true, type: "work", value: "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com" }],
      active: true,
      meta: {
        resourceType: "User",
        created: "2018-03-27T19:59:26.000Z",
        lastModified: "2018-03-28T10:00:00.000Z",
        location: `${BASE_URL}/Users/5171a35d82074e068ce2`,
        version: 'W/"3"',
      },
    });
  });

  it("lists the enterprise URN in schemas when the extension is present", () => {
    const out = toScimUser(userRecord({ userName: "a", [ENTERPRISE]: { department: "R&D" } }), ctx);
    expect(out.schemas).toEqual(["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE]);
    expect(out[ENTERPRISE]).toEqual({ department: "R&D" });
  });

  it("profile fields go back top-level when they arrived top-level", () => {
    const out = toScimUser(userRecord({ userName: "a", profileField_city: "Paris" }), ctx);
    expect(out.profileField_city).toBe("Paris");
    expect(out.schemas).toEqual(["urn:ietf:params:scim:schemas:core:2.0:User"]);
  });

  it("profile fields go back under the custom URN they arrived under, next to its other keys", () => {
    const out = toScimUser(userRecord({ userName: "a", [CUSTOM]: { profileField_city: "Paris", costCode: "X1" } }), ctx);
    expect(out[CUSTOM]).toEqual({ costCode: "X1", profileField_city: "Paris" });
    expect(out.schemas).toEqual(["urn:ietf:params:scim:schemas:core:2.0:User", CUSTOM]);
    expect(out.profileField_city).toBeUndefined();
  });

  it("columns win over stored copies; round trip through normalizeUser is stable", () => {
    const record = userRecord({ userName: "old", active: true }, { userName: "new", active: false, externalId: null });
    const out = toScimUser(record, ctx);
    expect([out.userName, out.active, "externalId" in out]).toEqual(["new", false, false]);
    const again = normalizeUser(out, { mode: "replace" });
    expect(again.resource).toEqual({ userName: "new", active: false });
  });

  it("does not share objects with the record", () => {
    const record = userRecord({ userName: "a", name: { givenName: "A" } });
    const out = toScimUser(record, ctx);
    (out.name as Record<string, unknown>).givenName = "changed";
    expect((record.resource.name as Record<string, unknown>).givenName).toBe("A");
  });
});

describe("toScimGroup", () => {
  const g = normalizeGroup({ displayName: "Tour Guides", externalId: "e1", owner: "me" });
  const record = { id: "g1", displayName: g.displayName, externalId: g.externalId, resource: g.resource, version: 2, createdAt: new Date(0), updatedAt: new Date(1000) };

  it("with members: value, $ref, type User (RFC 7643 §4.2) and display", () => {
    const out = toScimGroup(record, [{ userId: "u1", display: "Babs" }, { userId: "u2", display: null }], ctx);
    expect(out).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      id: "g1",
      externalId: "e1",
      displayName: "Tour Guides",
      owner: "me",
      members: [
        { value: "u1", $ref: `${BASE_URL}/Users/u1`, type: "User", display: "Babs" },
        { value: "u2", $ref: `${BASE_URL}/Users/u2`, type: "User" },
      ],
      meta: {
        resourceType: "Group",
        created: "1970-01-01T00:00:00.000Z",
        lastModified: "1970-01-01T00:00:01.000Z",
        location: `${BASE_URL}/Groups/g1`,
        version: 'W/"2"',
      },
    });
  });

  it("members undefined (excluded, not loaded): the key is omitted; [] is returned as []", () => {
    expect("members" in toScimGroup(record, undefined, ctx)).toBe(false);
    expect(toScimGroup(record, [], ctx).members).toEqual([]);
  });
});

describe("clientView", () => {
  it("keeps attribute names and extension objects; drops keys no SCIM schema can describe (RFC 7643 §2.1)", () => {
    const out = toScimUser(userRecord({ userName: "a@x", someVendorAttribute: 1, "urn:example:custom": "v", "bad name": 2, [CUSTOM]: { profileField_city: "Oslo" } }), ctx);
    expect(Object.keys(clientView(out))).toEqual(["schemas", "id", "userName", "someVendorAttribute", CUSTOM, "active", "meta"]);
    expect(out["urn:example:custom"]).toBe("v");
  });
});
