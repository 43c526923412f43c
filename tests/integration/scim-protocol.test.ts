// Errors, discovery, authentication and tenant isolation of /api/scim/v2 over HTTP.
import { describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/database";
import { useScimHarness } from "../support/scim-harness";
import { SCHEMA_ENTERPRISE_USER as ENTERPRISE, SCHEMA_ERROR as ERROR, SCHEMA_GROUP as GROUP, SCHEMA_PATCH_OP as PATCH, SCHEMA_USER as CORE } from "@/lib/scim/schema";


describe.each(DATABASE_KINDS)("SCIM protocol on %s", (kind) => {
  const h = useScimHarness(kind);

  it("401 without a token (WWW-Authenticate Bearer) and with a bad one (invalid_token), in SCIM error shape", async () => {
    const none = await h.raw("/api/scim/v2/Users", { method: "GET" });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer realm="/);
    expect(none.body).toMatchObject({ schemas: [ERROR], status: "401" });
    const bad = await h.scim("GET", "/Users", undefined, { authorization: "Bearer not-a-token" });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(bad.body.detail).toBeTruthy();
  });

  it("a token of directory A gets 404 for B's ids and never sees B in lists or filters", async () => {
    const other = await h.newDirectory("Fabrikam");
    const asB = (method: string, path: string, body?: unknown) => h.scim(method, path, body, { authorization: `Bearer ${other.token}` });
    const bUser = (await asB("POST", "/Users", { schemas: [CORE], userName: "b-only@x" })).body;
    const bGroup = (await asB("POST", "/Groups", { schemas: [GROUP], displayName: "B group" })).body;
    expect((await h.scim("GET", `/Users/${bUser.id}`)).status).toBe(404);
    expect((await h.scim("PATCH", `/Users/${bUser.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: false }] })).status).toBe(404);
    expect((await h.scim("DELETE", `/Users/${bUser.id}`)).status).toBe(404);
    expect((await h.scim("GET", `/Groups/${bGroup.id}`)).status).toBe(404);
    expect((await h.scim("GET", `/Users?filter=${encodeURIComponent('userName eq "b-only@x"')}`)).body.totalResults).toBe(0);
    const aGroup = (await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "A group" })).body;
    const crossAdd = await h.scim("PATCH", `/Groups/${aGroup.id}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: bUser.id }] }] });
    expect(crossAdd.status).toBe(400);
    // The same userName may exist in two directories.
    expect((await h.scim("POST", "/Users", { schemas: [CORE], userName: "b-only@x" })).status).toBe(201);
    expect((await asB("GET", `/Users/${bUser.id}`)).status).toBe(200);
  });

  it.each([
    ["malformed JSON", "{not json", "invalidSyntax"],
    ["a JSON array", "[]", undefined],
    ["userName of the wrong type", JSON.stringify({ schemas: [CORE], userName: 5 }), "invalidValue"],
    ["no userName", JSON.stringify({ schemas: [CORE], name: { givenName: "x" } }), "invalidValue"],
    ["a NUL byte in userName", JSON.stringify({ schemas: [CORE], userName: "a\u0000b" }), "invalidValue"],
  ])("400 for %s, nothing stored", async (_label, body, scimType) => {
    const before = await h.database.current.db.prisma.scimUser.count();
    const r = await h.scim("POST", "/Users", body);
    expect(r.status).toBe(400);
    expect(r.body.schemas).toEqual([ERROR]);
    expect(r.body.status).toBe("400");
    if (scimType) expect(r.body.scimType).toBe(scimType);
    expect(await h.database.current.db.prisma.scimUser.count()).toBe(before);
  });

  it("400 invalidFilter for bad filter syntax and unknown attributes", async () => {
    for (const filter of ['userName eq', 'userName zz "x"', '(userName eq "x"', 'nosuchattr eq "x"']) {
      const r = await h.scim("GET", `/Users?filter=${encodeURIComponent(filter)}`);
      expect(r.status, filter).toBe(400);
      expect(r.body.scimType, filter).toBe("invalidFilter");
    }
  });

  it("415 for a non-JSON content type, 413 for an oversized body, 405 for a wrong method, 404 for an unknown endpoint", async () => {
    const form = await h.scim("POST", "/Users", "userName=x", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect(form.body.schemas).toEqual([ERROR]);
    const big = await h.scim("POST", "/Users", JSON.stringify({ schemas: [CORE], userName: "big", title: "x".repeat(5 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    const put = await h.scim("PUT", "/Users", { schemas: [CORE], userName: "x" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toContain("GET");
    const unknown = await h.scim("GET", "/Widgets");
    expect(unknown.status).toBe(404);
    expect(unknown.body.schemas).toEqual([ERROR]);
  });

  it("501 for Bulk and /Me (bulk.supported is false), in SCIM error shape, and nothing applied", async () => {
    const bulk = await h.scim("POST", "/Bulk", { schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], Operations: [{ method: "POST", path: "/Users", bulkId: "a", data: { schemas: [CORE], userName: "bulk-made@x" } }] });
    expect(bulk.status).toBe(501);
    expect(bulk.body).toMatchObject({ schemas: [ERROR], status: "501", detail: expect.stringContaining("/Bulk") });
    const me = await h.scim("GET", "/Me");
    expect(me.status).toBe(501);
    expect(me.body).toMatchObject({ schemas: [ERROR], status: "501" });
    expect((await h.scim("GET", `/Users?filter=${encodeURIComponent('userName eq "bulk-made@x"')}`)).body.totalResults).toBe(0);
  });

  it("PATCH errors: bad op → 400, readOnly target → mutability, nothing applied", async () => {
    const u = (await h.scim("POST", "/Users", { schemas: [CORE], userName: "patch-errors@x", title: "Keep" })).body;
    const patch = (ops: unknown[]) => h.scim("PATCH", `/Users/${u.id}`, { schemas: [PATCH], Operations: ops });
    const bad = await patch([{ op: "replace", path: "title", value: "Changed" }, { op: "explode", path: "title" }]);
    expect(bad.status).toBe(400);
    const ro = await patch([{ op: "replace", path: "title", value: "Changed" }, { op: "replace", path: "id", value: "new-id" }]);
    expect(ro.status).toBe(400);
    expect(ro.body.scimType).toBe("mutability");
    expect((await h.scim("GET", `/Users/${u.id}`)).body.title).toBe("Keep");
    const noOps = await h.scim("PATCH", `/Users/${u.id}`, { schemas: [PATCH] });
    expect(noOps.status).toBe(400);
  });

  it("PATCH removing a required or readOnly attribute → 400 mutability (RFC 7644 §3.5.2); remove without a path → noTarget", async () => {
    const u = (await h.scim("POST", "/Users", { schemas: [CORE], userName: "required@x" })).body;
    const g = (await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "Required" })).body;
    const cases: [string, unknown[], string][] = [
      [`/Users/${u.id}`, [{ op: "remove", path: "userName" }], "mutability"],
      [`/Users/${u.id}`, [{ op: "replace", path: "userName", value: "" }], "mutability"],
      [`/Users/${u.id}`, [{ op: "remove", path: "meta.created" }], "mutability"],
      [`/Users/${u.id}`, [{ op: "remove", path: "id" }], "mutability"],
      [`/Users/${u.id}`, [{ op: "remove" }], "noTarget"],
      [`/Groups/${g.id}`, [{ op: "remove", path: "displayName" }], "mutability"],
    ];
    for (const [path, ops, scimType] of cases) {
      const r = await h.scim("PATCH", path, { schemas: [PATCH], Operations: ops });
      expect([r.status, r.body.scimType], JSON.stringify(ops)).toEqual([400, scimType]);
    }
    expect((await h.scim("GET", `/Users/${u.id}`)).body).toMatchObject({ userName: "required@x", meta: { version: u.meta.version } });
    expect((await h.scim("GET", `/Groups/${g.id}`)).body).toMatchObject({ displayName: "Required", meta: { version: g.meta.version } });
  });

  it("describes itself: ServiceProviderConfig, ResourceTypes and Schemas", async () => {
    const spc = await h.scim("GET", "/ServiceProviderConfig");
    expect(spc.status).toBe(200);
    expect(spc.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: expect.any(Number) },
      etag: { supported: true },
      authenticationSchemes: [expect.objectContaining({ type: "oauthbearertoken" })],
    });
    const types = await h.scim("GET", "/ResourceTypes");
    expect(types.body.Resources.map((t: { id: string }) => t.id).sort()).toEqual(["Group", "User"]);
    const user = await h.scim("GET", "/ResourceTypes/User");
    expect(user.body.schemaExtensions).toEqual(expect.arrayContaining([expect.objectContaining({ schema: ENTERPRISE })]));
    const schemas = await h.scim("GET", "/Schemas");
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([CORE, GROUP, ENTERPRISE]));
    const one = await h.scim("GET", `/Schemas/${CORE}`);
    expect(one.body.attributes.map((a: { name: string }) => a.name)).toContain("userName");
    expect((await h.scim("GET", "/Schemas/urn:nope")).status).toBe(404);
    // Entra ID's plural form answers alike and is logged under the one operation name the Activity filter offers.
    const plural = await h.scim("GET", "/ServiceProviderConfigs");
    expect(plural.body).toEqual(spc.body);
    const row = await h.database.current.db.prisma.activityLog.findFirst({ where: { requestId: plural.headers.get("x-request-id")! } });
    expect(row?.operation).toBe("discovery.serviceproviderconfig");
  });

  it("logs every request with its outcome, and no token in the log", async () => {
    await h.scim("GET", `/Users?filter=${encodeURIComponent('userName eq "nobody"')}`);
    await h.scim("GET", "/Users/does-not-exist");
    const rows = await h.database.current.db.prisma.activityLog.findMany({ where: { directoryId: h.directoryId, kind: "scim" }, orderBy: { createdAt: "desc" }, take: 2 });
    expect(rows.map((r) => r.status).sort()).toEqual([200, 404]);
    const all = JSON.stringify(await h.database.current.db.prisma.activityLog.findMany());
    expect(all).not.toContain(h.token);
  });
});
