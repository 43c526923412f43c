import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import { IDP_FIXTURES } from "../test-support/fixtures";
import { normalizeGroup, parseMembers } from "./normalize-group";

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error("expected a ScimError");
}

describe("normalizeGroup", () => {
  it("entra: Create Group request (tutorial) with the ADSCIM schema and a client meta", () => {
    expect(normalizeGroup(IDP_FIXTURES.entraCreateGroup.body)).toEqual({
      displayName: "displayName",
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      members: [],
      resource: {},
    });
  });

  it("rfc7643 §4.2 members: values kept in order, deduplicated, type kept", () => {
    const g = normalizeGroup({
      displayName: "Tour Guides",
      members: [{ value: "u1", display: "Babs", $ref: "https://x/Users/u1" }, { value: "u2", type: "User" }, { value: "u1" }],
    });
    expect(g.members).toEqual([{ value: "u1" }, { value: "u2", type: "User" }]);
    expect(g.resource).toEqual({});
  });

  it("names are case-insensitive; unknown attributes kept; id ignored; members: undefined is none", () => {
    const g = normalizeGroup({ DISPLAYNAME: "G", ExternalId: "e", id: "x", owner: "me", members: undefined });
    expect(g).toEqual({ displayName: "G", externalId: "e", members: [], resource: { owner: "me" } });
  });

  it("a single member object is accepted", () => {
    expect(normalizeGroup({ displayName: "G", members: { value: "u1" } }).members).toEqual([{ value: "u1" }]);
  });

  const rejected: { name: string; input: unknown; detail: RegExp }[] = [
    { name: "displayName missing", input: { externalId: "x" }, detail: /displayName is required/ },
    { name: "displayName blank", input: { displayName: " " }, detail: /displayName is required/ },
    { name: "displayName a number", input: { displayName: 7 }, detail: /displayName must be a string/ },
    { name: "member without value", input: { displayName: "G", members: [{ display: "x" }] }, detail: /members\[0\]\.value is required/ },
    { name: "member value not a string", input: { displayName: "G", members: [{ value: 12 }] }, detail: /members\[0\]\.value/ },
    { name: "member as a bare string", input: { displayName: "G", members: ["u1"] }, detail: /members\[0\]\.value/ },
    { name: "members a string", input: { displayName: "G", members: "u1" }, detail: /members must be an array/ },
    { name: "NUL in displayName", input: { displayName: "a\u0000" }, detail: /NUL/ },
  ];
  it.each(rejected)("rejects $name with 400 invalidValue", ({ input, detail }) => {
    const e = scimError(() => normalizeGroup(input));
    expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
    expect(e.message).toMatch(detail);
  });

  it("rejects a non-object with invalidSyntax", () => {
    expect(scimError(() => normalizeGroup("G")).scimType).toBe("invalidSyntax");
  });

  it("parseMembers treats null as no members", () => {
    expect(parseMembers(null, "members")).toEqual([]);
  });
});
