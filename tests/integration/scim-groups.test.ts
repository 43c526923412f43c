// /Groups over HTTP on both databases, with Entra ID's documented request bodies.
import { describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/database";
import { useScimHarness, type ScimHarness } from "../support/scim-harness";
import { SCHEMA_ENTRA_AD_GROUP as ADSCIM, SCHEMA_GROUP as GROUP, SCHEMA_PATCH_OP as PATCH, SCHEMA_USER as USER } from "@/lib/scim/schema";


async function users(h: ScimHarness, prefix: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await h.scim("POST", "/Users", { schemas: [USER], userName: `${prefix}-${i}@x`, displayName: `${prefix} ${i}` });
    ids.push(r.body.id);
  }
  return ids;
}

describe.each(DATABASE_KINDS)("SCIM /Groups on %s", (kind) => {
  const h = useScimHarness(kind);

  it("Entra Create Group (ADSCIM schema + client meta) → 201 with empty members; read with members excluded", async () => {
    const r = await h.scim("POST", "/Groups", {
      schemas: [GROUP, ADSCIM],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "displayName",
      meta: { resourceType: "Group" },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe(`${h.url}/api/scim/v2/Groups/${r.body.id}`);
    expect(r.body).toMatchObject({ displayName: "displayName", externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", meta: { resourceType: "Group" } });
    expect(r.body.members ?? []).toEqual([]);
    const g = await h.scim("GET", `/Groups/${r.body.id}?excludedAttributes=members`);
    expect(g.status).toBe(200);
    expect(g.body.members).toBeUndefined();
    const byName = await h.scim("GET", `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "displayName"')}`);
    expect(byName.body.totalResults).toBe(1);
    expect(byName.body.Resources[0].members).toBeUndefined();
  });

  it("adds members (Entra 'Add Members'), removes ONLY the listed ones, and by members[value eq]", async () => {
    const [a, b, c, d] = await users(h, "m", 4);
    const g = (await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "Members" })).body;
    const add = await h.scim("PATCH", `/Groups/${g.id}`, {
      schemas: [PATCH],
      Operations: [{ op: "Add", path: "members", value: [{ $ref: null, value: a }, { value: b }, { value: c }, { value: d }] }],
    });
    expect(add.status).toBe(204);
    const full = await h.scim("GET", `/Groups/${g.id}`);
    expect(full.body.members.map((m: { value: string }) => m.value).sort()).toEqual([a, b, c, d].sort());
    expect(full.body.members[0]).toMatchObject({ $ref: expect.stringContaining("/Users/"), type: "User", display: expect.any(String) });

    const remove = await h.scim("PATCH", `/Groups/${g.id}`, { schemas: [PATCH], Operations: [{ op: "Remove", path: "members", value: [{ $ref: null, value: a }] }] });
    expect(remove.status).toBe(204);
    const byFilter = await h.scim("PATCH", `/Groups/${g.id}`, { schemas: [PATCH], Operations: [{ op: "Remove", path: `members[value eq "${b}"]` }] });
    expect(byFilter.status).toBe(204);
    const after = await h.scim("GET", `/Groups/${g.id}`);
    expect(after.body.members.map((m: { value: string }) => m.value).sort()).toEqual([c, d].sort());
    const readd = await h.scim("PATCH", `/Groups/${g.id}`, { schemas: [PATCH], Operations: [{ op: "Add", path: "members", value: [{ value: c }] }] });
    expect(readd.status).toBe(204);
    const filterByMember = await h.scim("GET", `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`id eq "${g.id}" and members[value eq "${c}"]`)}`);
    expect(filterByMember.body.totalResults).toBe(1);
    const notMember = await h.scim("GET", `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`id eq "${g.id}" and members[value eq "${a}"]`)}`);
    expect(notMember.body.totalResults).toBe(0);
    const row = await h.database.current.db.prisma.scimGroup.findUnique({ where: { id: g.id } });
    expect(row?.memberCount).toBe(2);
  });

  it("several ops per request, displayName replace (Entra 'Update Group [Non-member attributes]')", async () => {
    const [a, b] = await users(h, "ops", 2);
    const g = (await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "Before", members: [{ value: a }] })).body;
    const r = await h.scim("PATCH", `/Groups/${g.id}`, {
      schemas: [PATCH],
      Operations: [
        { op: "Replace", path: "displayName", value: "After" },
        { op: "Add", path: "members", value: [{ value: b }] },
        { op: "Remove", path: "members", value: [{ value: a }] },
      ],
    });
    expect(r.status).toBe(204);
    const got = await h.scim("GET", `/Groups/${g.id}`);
    expect(got.body.displayName).toBe("After");
    expect(got.body.members.map((m: { value: string }) => m.value)).toEqual([b]);
  });

  it("an unknown member → 400 invalidValue naming it, and nothing of the request is applied", async () => {
    const [a] = await users(h, "unk", 1);
    const g = (await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "Strict" })).body;
    const r = await h.scim("PATCH", `/Groups/${g.id}`, {
      schemas: [PATCH],
      Operations: [
        { op: "Replace", path: "displayName", value: "Changed" },
        { op: "Add", path: "members", value: [{ value: a }, { value: "no-such-user" }] },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.scimType).toBe("invalidValue");
    expect(r.body.detail).toContain("no-such-user");
    const got = await h.scim("GET", `/Groups/${g.id}`);
    expect(got.body.displayName).toBe("Strict");
    expect(got.body.members ?? []).toEqual([]);
    const create = await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "Bad", members: [{ value: "ghost" }] });
    expect(create.status).toBe(400);
    expect(create.body.scimType).toBe("invalidValue");
  });

  it("PUT replaces attributes and the member list; DELETE → 204 then 404", async () => {
    const [a, b] = await users(h, "put", 2);
    const g = (await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "P", members: [{ value: a }] })).body;
    const r = await h.scim("PUT", `/Groups/${g.id}`, { schemas: [GROUP], displayName: "P2", members: [{ value: b }] });
    expect(r.status).toBe(200);
    expect(r.body.displayName).toBe("P2");
    expect(r.body.members.map((m: { value: string }) => m.value)).toEqual([b]);
    expect((await h.scim("DELETE", `/Groups/${g.id}`)).status).toBe(204);
    expect((await h.scim("GET", `/Groups/${g.id}`)).status).toBe(404);
    expect((await h.scim("GET", `/Users/${a}`)).status).toBe(200);
  });

  it("removing all members with path 'members' and no value", async () => {
    const ids = await users(h, "all", 3);
    const g = (await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "All", members: ids.map((value) => ({ value })) })).body;
    expect((await h.scim("PATCH", `/Groups/${g.id}`, { schemas: [PATCH], Operations: [{ op: "remove", path: "members" }] })).status).toBe(204);
    expect((await h.scim("GET", `/Groups/${g.id}`)).body.members ?? []).toEqual([]);
  });

  it("16 concurrent PATCHes adding different members to one group lose none", async () => {
    const ids = await users(h, "conc", 16);
    const g = (await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "Concurrent" })).body;
    const results = await Promise.all(
      ids.map((id) => h.scim("PATCH", `/Groups/${g.id}`, { schemas: [PATCH], Operations: [{ op: "Add", path: "members", value: [{ value: id }] }] })),
    );
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 204));
    const got = await h.scim("GET", `/Groups/${g.id}`);
    expect(got.body.members.length).toBe(16);
    const row = await h.database.current.db.prisma.scimGroup.findUnique({ where: { id: g.id } });
    expect(row?.memberCount).toBe(16);
  });

  it("ETags (RFC 7644 §3.14): weak, equal to meta.version; If-None-Match → 304 (weak or strong form); stale If-Match → 412", async () => {
    const g = await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "Tagged" });
    const etag = g.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"\d+"$/);
    expect(g.body.meta.version).toBe(etag);
    for (const tag of [etag, etag.slice(2), `"nope", ${etag}`, "*"]) {
      const r = await h.scim("GET", `/Groups/${g.body.id}`, undefined, { "if-none-match": tag });
      expect([r.status, r.text, r.headers.get("etag")], tag).toEqual([304, "", etag]);
    }
    expect((await h.scim("GET", `/Groups/${g.body.id}`, undefined, { "if-none-match": 'W/"999999"' })).status).toBe(200);
    const changed = await h.scim("PATCH", `/Groups/${g.body.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "displayName", value: "Tagged 2" }] }, { "if-match": etag });
    expect(changed.status).toBe(204);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const stale = await h.scim("PATCH", `/Groups/${g.body.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "displayName", value: "Lost" }] }, { "if-match": etag });
    expect(stale.status).toBe(412);
    expect((await h.scim("DELETE", `/Groups/${g.body.id}`, undefined, { "if-match": etag })).status).toBe(412);
    expect((await h.scim("GET", `/Groups/${g.body.id}`, undefined, { "if-none-match": etag })).body.displayName).toBe("Tagged 2");
  });

  it("sortBy/sortOrder (RFC 7644 §3.4.2.3, sort.supported): displayName either way, an unknown attribute → 400 invalidValue", async () => {
    for (const name of ["sort-b", "Sort-a", "sort-c"]) await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: name });
    const names = async (query: string) => ((await h.scim("GET", `/Groups?filter=${encodeURIComponent('displayName sw "sort-"')}&${query}`)).body.Resources as { displayName: string }[]).map((g) => g.displayName);
    expect(await names("sortBy=displayName")).toEqual(["Sort-a", "sort-b", "sort-c"]);
    expect(await names("sortBy=displayName&sortOrder=descending")).toEqual(["sort-c", "sort-b", "Sort-a"]);
    const bad = await h.scim("GET", "/Groups?sortBy=nosuch");
    expect([bad.status, bad.body.scimType]).toEqual([400, "invalidValue"]);
    expect((await h.scim("GET", "/ServiceProviderConfig")).body.sort).toEqual({ supported: true });
  });
});
