// POST /.search at the service provider root (RFC 7644 §3.4.3) on both databases: users and groups in
// one ListResponse, with filter, sortBy, paging and attribute projection.
import { beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/database";
import { useScimHarness } from "../support/scim-harness";
import { SCHEMA_GROUP as GROUP, SCHEMA_SEARCH_REQUEST as SEARCH, SCHEMA_USER as CORE } from "@/lib/scim/schema";

interface Found {
  id: string;
  schemas: string[];
  meta?: { resourceType: string };
  displayName?: string;
  userName?: string;
  members?: unknown[];
}

describe.each(DATABASE_KINDS)("SCIM root search on %s", (kind) => {
  const h = useScimHarness(kind);
  let search: (body: Record<string, unknown>) => ReturnType<typeof h.scim>;
  const userIds: string[] = [];
  const groupIds: string[] = [];

  beforeAll(async () => {
    const dir = await h.newDirectory("Root search");
    const as = (method: string, path: string, body?: unknown) => h.scim(method, path, body, { authorization: `Bearer ${dir.token}` });
    search = (body) => as("POST", "/.search", { schemas: [SEARCH], ...body });
    for (const [userName, displayName] of [["ann@x", "Root Ann"], ["bob@x", "Bob"], ["cy@x", "Root Cy"]]) {
      userIds.push((await as("POST", "/Users", { schemas: [CORE], userName, displayName })).body.id);
    }
    for (const displayName of ["Root Group B", "Other group"]) {
      groupIds.push((await as("POST", "/Groups", { schemas: [GROUP], displayName, members: [{ value: userIds[0] }] })).body.id);
    }
  });

  it("answers a ListResponse of users and groups, each with its own schemas and resourceType", async () => {
    const r = await search({});
    expect(r.status).toBe(200);
    expect(r.body.totalResults).toBe(5);
    const found = r.body.Resources as Found[];
    expect(found.map((f) => f.id)).toEqual([...userIds, ...groupIds]);
    expect(found.map((f) => f.meta?.resourceType)).toEqual(["User", "User", "User", "Group", "Group"]);
    expect(found[0].schemas).toEqual([CORE]);
    expect(found[3].schemas).toEqual([GROUP]);
    expect(found[3].members).toEqual([expect.objectContaining({ value: userIds[0], type: "User" })]);
  });

  it("filters across types; an attribute one type lacks leaves that type out; a bad filter is 400 invalidFilter", async () => {
    const both = await search({ filter: 'displayName sw "Root"' });
    expect((both.body.Resources as Found[]).map((f) => f.displayName)).toEqual(["Root Ann", "Root Cy", "Root Group B"]);
    const users = await search({ filter: 'userName eq "bob@x"' });
    expect(users.body).toMatchObject({ totalResults: 1, Resources: [{ id: userIds[1] }] });
    const bad = await search({ filter: 'displayName sw' });
    expect(bad.status).toBe(400);
    expect(bad.body.scimType).toBe("invalidFilter");
    expect((await search({ filter: 'nosuch eq "x"' })).body.scimType).toBe("invalidFilter");
  });

  it("pages with startIndex and count over both types, and sorts over both with sortBy", async () => {
    const pages: string[] = [];
    for (let start = 1; start <= 5; start += 2) {
      const page = await search({ startIndex: start, count: 2 });
      expect(page.body).toMatchObject({ totalResults: 5, startIndex: start, itemsPerPage: Math.min(2, 6 - start) });
      pages.push(...(page.body.Resources as Found[]).map((f) => f.id));
    }
    expect(pages).toEqual([...userIds, ...groupIds]);
    expect((await search({ count: 0 })).body).toMatchObject({ totalResults: 5, Resources: [] });
    const sorted = await search({ sortBy: "displayName", sortOrder: "descending" });
    expect((sorted.body.Resources as Found[]).map((f) => f.displayName)).toEqual(["Root Group B", "Root Cy", "Root Ann", "Other group", "Bob"]);
    const byUserName = await search({ sortBy: "userName" });
    // Groups have no userName: they sort last ascending (RFC 7644 §3.4.2.3).
    expect((byUserName.body.Resources as Found[]).map((f) => f.userName ?? f.displayName)).toEqual(["ann@x", "bob@x", "cy@x", "Root Group B", "Other group"]);
    expect((await search({ sortBy: "nosuch" })).body.scimType).toBe("invalidValue");
  });

  it("honours attributes and excludedAttributes of the SearchRequest", async () => {
    const only = await search({ attributes: ["displayName"], filter: 'displayName sw "Root"' });
    expect(only.body.Resources).toEqual([
      { schemas: [CORE], id: userIds[0], displayName: "Root Ann" },
      { schemas: [CORE], id: userIds[2], displayName: "Root Cy" },
      { schemas: [GROUP], id: groupIds[0], displayName: "Root Group B" },
    ]);
    const without = await search({ excludedAttributes: ["members"], filter: 'displayName eq "Root Group B"' });
    expect(without.body.Resources[0].members).toBeUndefined();
  });

  it("is POST only, and needs a SearchRequest object", async () => {
    const get = await h.scim("GET", "/.search");
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await h.scim("POST", "/.search", [])).status).toBe(400);
  });
});
