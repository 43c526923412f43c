import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { GroupRecord, UserRecord } from "@/lib/provisioning/records";
import { SCHEMA_ENTERPRISE_USER } from "@/lib/scim/schema";
import { directoryGroupSchema, directorySchema, directoryUserSchema, feedEventSchema, toDirectoryGroup, toDirectorySummary, toDirectoryUser } from "./index";

const at = new Date("2026-01-02T03:04:05.000Z");

const userRecord: UserRecord = {
  id: "u1",
  directoryId: "d1",
  userName: "ada@example.com",
  externalId: "ext-1",
  active: true,
  resource: {
    userName: "ada@example.com",
    externalId: "ext-1",
    active: true,
    displayName: "Ada Lovelace",
    name: { givenName: "Ada", familyName: "Lovelace" },
    emails: [
      { value: "ada@home.example", type: "home" },
      { value: "ada@example.com", type: "work", primary: true },
    ],
    [SCHEMA_ENTERPRISE_USER]: { department: "Engines" },
  },
  profileFields: { costCenter: "42" },
  profileFieldsSchema: null,
  version: 3,
  createdAt: at,
  updatedAt: at,
};

const groupRecord: GroupRecord = {
  id: "g1",
  directoryId: "d1",
  displayName: "Engineers",
  externalId: null,
  resource: { displayName: "Engineers" },
  memberCount: 2,
  version: 1,
  createdAt: at,
  updatedAt: at,
};

describe("directory data mappers", () => {
  it("maps a stored user to the consumer's view, with the SCIM resource as received under raw", () => {
    const user = toDirectoryUser(userRecord, [{ id: "g1", displayName: "Engineers" }]);
    expect(directoryUserSchema.parse(user)).toEqual(user);
    expect(user).toMatchObject({
      displayName: "Ada Lovelace",
      name: { givenName: "Ada", familyName: "Lovelace" },
      primaryEmail: "ada@example.com",
      emails: [
        { value: "ada@home.example", type: "home", primary: false },
        { value: "ada@example.com", type: "work", primary: true },
      ],
      profileFields: { costCenter: "42" },
      groups: [{ id: "g1", displayName: "Engineers" }],
      createdAt: "2026-01-02T03:04:05.000Z",
    });
    expect(user.raw).toMatchObject({ id: "u1", userName: "ada@example.com", profileField_costCenter: "42" });
    expect(user.raw).not.toHaveProperty("meta");
  });

  it("maps a group without its members", () => {
    const group = toDirectoryGroup(groupRecord);
    expect(directoryGroupSchema.parse(group)).toEqual(group);
    expect(group.raw).not.toHaveProperty("members");
    expect(group.memberCount).toBe(2);
  });

  it("maps a directory with its counts", () => {
    const d = toDirectorySummary({ id: "d1", name: "Entra", type: "scim", active: true, lastActivityAt: null, createdAt: at }, { users: 1, groups: 2 });
    expect(directorySchema.parse(d)).toEqual(d);
  });

  it("validates events per type and refuses data of another type", () => {
    const user = toDirectoryUser(userRecord, []);
    const event = { id: "e1", type: "user.updated", directoryId: "d1", occurredAt: at.toISOString(), data: { user, previous: { displayName: "Ada" }, changed: ["displayName"] } };
    expect(feedEventSchema.parse(event)).toEqual(event);
    expect(() => feedEventSchema.parse({ ...event, type: "group.created" })).toThrow();
  });

  it("converts to JSON Schema (the OpenAPI document is generated from these)", () => {
    const schema = z.toJSONSchema(feedEventSchema, { target: "draft-2020-12" });
    expect(JSON.stringify(schema)).toContain("group.member_removed");
  });
});
