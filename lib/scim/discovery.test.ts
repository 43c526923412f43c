import { describe, expect, it } from "vitest";
import { allSchemas, resourceType, serviceProviderConfig, type DiscoveryContext } from "./discovery";
import { CustomAttributeCollector } from "./resource/describe-custom-attributes";
import { SCHEMA_ENTERPRISE_USER, SCHEMA_RESOURCE_TYPE, SCHEMA_ROSTER_LIMITS, SCHEMA_ROSTER_PROFILE, SCHEMA_SCHEMA, SCHEMA_SERVICE_PROVIDER_CONFIG, SCHEMA_USER } from "./schema";

const limits = { maxResults: 1000, maxPayloadBytes: 1, maxOperations: 1, maxMembersPerRequest: 1, maxFilterLength: 1 };
const CUSTOM = "urn:ietf:params:scim:schemas:extension:Contoso:2.0:User";

function context(): DiscoveryContext {
  const users = new CustomAttributeCollector("User");
  users.add({ schemas: [], id: "1", userName: "a", profileField_city: "Oslo", [CUSTOM]: { profileField_floor: "3" }, [SCHEMA_ENTERPRISE_USER]: { badge: 1 } });
  return { baseUrl: "http://x/api/scim/v2", limits, profileFieldNames: ["costCenter"], custom: { User: users.result(), Group: new CustomAttributeCollector("Group").result() } };
}

describe("discovery documents", () => {
  it("ServiceProviderConfig lists the Limits extension it carries in schemas (RFC 7643 §3)", () => {
    const spc = serviceProviderConfig(context());
    expect(spc.schemas).toEqual([SCHEMA_SERVICE_PROVIDER_CONFIG, SCHEMA_ROSTER_LIMITS]);
    expect(spc[SCHEMA_ROSTER_LIMITS]).toBeDefined();
  });

  it("/Schemas describes the discovery documents and the Limits extension too", () => {
    const ids = allSchemas(context()).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([SCHEMA_SERVICE_PROVIDER_CONFIG, SCHEMA_RESOURCE_TYPE, SCHEMA_SCHEMA, SCHEMA_ROSTER_LIMITS]));
  });

  it("describes a directory's custom attributes where its resources carry them, and lists custom extensions on the resource type", () => {
    const schemas = allSchemas(context());
    const byId = (id: string) => schemas.find((s) => s.id === id)!.attributes.map((a) => a.name);
    expect(byId(SCHEMA_USER)).toEqual(expect.arrayContaining(["userName", "profileField_city"]));
    expect(byId(SCHEMA_ENTERPRISE_USER)).toEqual(expect.arrayContaining(["department", "badge"]));
    expect(byId(SCHEMA_ROSTER_PROFILE)).toEqual(["profileField_costCenter"]);
    expect(byId(CUSTOM)).toEqual(["profileField_floor"]);
    expect(resourceType("User", context()).schemaExtensions.map((e) => e.schema)).toEqual([SCHEMA_ENTERPRISE_USER, SCHEMA_ROSTER_PROFILE, CUSTOM]);
    expect(resourceType("Group", context()).schemaExtensions).toEqual([]);
  });
});
