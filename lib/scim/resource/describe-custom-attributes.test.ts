import { describe, expect, it } from "vitest";
import { SCHEMA_ENTERPRISE_USER as ENTERPRISE } from "../schema";
import { CustomAttributeCollector } from "./describe-custom-attributes";

const CUSTOM = "urn:ietf:params:scim:schemas:extension:Contoso:2.0:User";
interface Shape {
  name: string;
  type: string;
  multiValued: boolean;
  subAttributes?: Shape[];
}
const shape = (a: Shape): Shape => ({ name: a.name, type: a.type, multiValued: a.multiValued, ...(a.subAttributes ? { subAttributes: a.subAttributes.map(shape) } : {}) });

describe("CustomAttributeCollector", () => {
  it("describes what the standard schemas do not: top-level attributes and extension attributes, types inferred", () => {
    const c = new CustomAttributeCollector("User");
    c.add({ schemas: [], id: "1", userName: "a", emails: [{ value: "a@x" }], profileField_city: "Oslo", someVendorAttribute: { nested: [1, 2] }, [ENTERPRISE]: { department: "R&D", badge: 7 }, [CUSTOM]: { profileField_floor: "3" } });
    c.add({ schemas: [], id: "2", userName: "b", score: 1, flags: [true] });
    c.add({ schemas: [], id: "3", userName: "c", score: 1.5, someVendorAttribute: { other: "x" } });
    const result = c.result();
    expect(result.core.map(shape)).toEqual([
      { name: "profileField_city", type: "string", multiValued: false },
      { name: "someVendorAttribute", type: "complex", multiValued: false, subAttributes: [{ name: "nested", type: "integer", multiValued: true }, { name: "other", type: "string", multiValued: false }] },
      { name: "score", type: "decimal", multiValued: false },
      { name: "flags", type: "boolean", multiValued: true },
    ]);
    expect(result.extensions.get(ENTERPRISE)!.map(shape)).toEqual([{ name: "badge", type: "integer", multiValued: false }]);
    expect(result.extensions.get(CUSTOM)!.map(shape)).toEqual([{ name: "profileField_floor", type: "string", multiValued: false }]);
  });

  it("keeps the first kind seen when values disagree, and skips nulls", () => {
    const c = new CustomAttributeCollector("Group");
    c.add({ schemas: [], id: "g", displayName: "G", members: [], x: "s", y: null });
    c.add({ schemas: [], id: "h", displayName: "H", x: 5 });
    expect(c.result().core.map(shape)).toEqual([{ name: "x", type: "string", multiValued: false }]);
  });
});
