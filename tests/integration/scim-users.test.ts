// /Users over HTTP on both databases: RFC 7644 §3 behaviour and the shapes Entra ID and Okta send.
import { describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/database";
import { useScimHarness } from "../support/scim-harness";
import { CUSTOM, entraUser } from "@/lib/scim/test-support/fixtures";
import { SCHEMA_ENTERPRISE_USER as ENTERPRISE, SCHEMA_ERROR as ERROR, SCHEMA_GROUP as GROUP, SCHEMA_LIST_RESPONSE as LIST_RESPONSE, SCHEMA_PATCH_OP as PATCH, SCHEMA_SEARCH_REQUEST as SEARCH, SCHEMA_USER as CORE } from "@/lib/scim/schema";

describe.each(DATABASE_KINDS)("SCIM /Users on %s", (kind) => {
  const h = useScimHarness(kind);

  it("Test Connection: a filter on a random userName answers 200 with an empty ListResponse", async () => {
    const r = await h.scim("GET", `/Users?filter=userName+eq+%22${crypto.randomUUID()}%22`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/scim+json");
    expect(r.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 0, Resources: [] });
  });

  it("creates a user (201, Location, ETag, meta) and reads it back with every attribute kept", async () => {
    const body = entraUser("alice@contoso.example", {
      [ENTERPRISE]: { employeeNumber: "701984", department: "Tour Operations", manager: { value: "boss-1" } },
      title: "Tour Guide",
      phoneNumbers: [{ type: "mobile", value: "+1 555 0100" }],
      addresses: [{ type: "work", locality: "Hollywood", country: "USA" }],
      password: "t1meMa$heen",
      someVendorAttribute: { nested: [1, 2, 3] },
    });
    const r = await h.scim("POST", "/Users", body);
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe(`${h.url}/api/scim/v2/Users/${r.body.id}`);
    expect(r.headers.get("etag")).toMatch(/^W\/"\d+"$/);
    expect(r.body.meta).toMatchObject({ resourceType: "User", location: r.headers.get("location") });
    expect(r.body.password).toBeUndefined();
    const g = await h.scim("GET", `/Users/${r.body.id}`);
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({
      id: r.body.id,
      userName: "alice@contoso.example",
      externalId: "ext-alice@contoso.example",
      active: true,
      title: "Tour Guide",
      name: { givenName: "Given", familyName: "Family" },
      emails: [{ value: "alice@contoso.example@contoso.example", type: "work", primary: true }],
      phoneNumbers: [{ type: "mobile", value: "+1 555 0100" }],
      addresses: [{ type: "work", locality: "Hollywood", country: "USA" }],
      someVendorAttribute: { nested: [1, 2, 3] },
      [ENTERPRISE]: { employeeNumber: "701984", department: "Tour Operations", manager: { value: "boss-1" } },
    });
    expect(g.body.schemas).toEqual(expect.arrayContaining([CORE, ENTERPRISE]));
    expect(g.text).not.toContain("t1meMa$heen");
  });

  it("rejects a duplicate userName, also differing only in case, with 409 uniqueness", async () => {
    expect((await h.scim("POST", "/Users", entraUser("dup.user@x"))).status).toBe(201);
    for (const name of ["dup.user@x", "DUP.User@X"]) {
      const r = await h.scim("POST", "/Users", entraUser(name));
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ schemas: [ERROR], status: "409", scimType: "uniqueness" });
    }
  });

  it("finds users by userName case-insensitively, by externalId exactly, and by emails", async () => {
    const created = (await h.scim("POST", "/Users", entraUser("Find.Me@x"))).body;
    const byName = await h.scim("GET", `/Users?filter=${encodeURIComponent('userName eq "find.me@X"')}`);
    expect(byName.body.totalResults).toBe(1);
    expect(byName.body.Resources[0].id).toBe(created.id);
    const byExt = await h.scim("GET", `/Users?filter=${encodeURIComponent('externalId eq "ext-Find.Me@x"')}`);
    expect(byExt.body.totalResults).toBe(1);
    const byExtWrongCase = await h.scim("GET", `/Users?filter=${encodeURIComponent('externalId eq "EXT-find.me@x"')}`);
    expect(byExtWrongCase.body.totalResults).toBe(0);
    const byEmail = await h.scim("GET", `/Users?filter=${encodeURIComponent('emails[type eq "work" and value co "find.me@x@"]')}`);
    expect(byEmail.body.Resources.map((u: { id: string }) => u.id)).toEqual([created.id]);
    const byEmailValue = await h.scim("GET", `/Users?filter=${encodeURIComponent('emails.value eq "FIND.ME@x@contoso.example"')}`);
    expect(byEmailValue.body.totalResults).toBe(1);
  });

  it("decodes Entra's query strings: + for spaces and %22 for quotes", async () => {
    await h.scim("POST", "/Users", entraUser("plus.space@x"));
    const r = await h.scim("GET", "/Users?filter=userName+eq+%22plus.space%40x%22");
    expect(r.status).toBe(200);
    expect(r.body.totalResults).toBe(1);
  });

  it("pages with startIndex/count, a stable order and correct totals; count=0 gives totals only", async () => {
    for (let i = 0; i < 5; i++) await h.scim("POST", "/Users", entraUser(`page-${i}@x`));
    const filter = encodeURIComponent('userName sw "page-"');
    const all = await h.scim("GET", `/Users?filter=${filter}`);
    expect(all.body.totalResults).toBe(5);
    const p1 = await h.scim("GET", `/Users?filter=${filter}&startIndex=1&count=2`);
    const p2 = await h.scim("GET", `/Users?filter=${filter}&startIndex=3&count=2`);
    const p3 = await h.scim("GET", `/Users?filter=${filter}&startIndex=5&count=2`);
    expect(p1.body).toMatchObject({ totalResults: 5, itemsPerPage: 2, startIndex: 1 });
    expect(p3.body).toMatchObject({ totalResults: 5, itemsPerPage: 1, startIndex: 5 });
    const ids = [...p1.body.Resources, ...p2.body.Resources, ...p3.body.Resources].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toEqual(all.body.Resources.map((u: { id: string }) => u.id));
    const zero = await h.scim("GET", `/Users?filter=${filter}&count=0`);
    expect(zero.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    const capped = await h.scim("GET", `/Users?count=999999`);
    expect(capped.status).toBe(200);
    expect(capped.body.itemsPerPage).toBeLessThanOrEqual(1000);
  });

  it("later pages (read by id after an index-only page query) keep the whole list's order, with sortBy too", async () => {
    for (let i = 0; i < 7; i++) await h.scim("POST", "/Users", entraUser(`deep-${(i * 5) % 7}@x`, { displayName: `Deep ${i % 3}` }));
    const filter = encodeURIComponent('userName sw "deep-"');
    for (const sort of ["", "&sortBy=userName&sortOrder=descending", "&sortBy=displayName"]) {
      const all = (await h.scim("GET", `/Users?filter=${filter}${sort}`)).body.Resources.map((u: { id: string }) => u.id);
      expect(all).toHaveLength(7);
      const paged: string[] = [];
      for (let start = 1; start <= 7; start += 3) paged.push(...(await h.scim("GET", `/Users?filter=${filter}${sort}&startIndex=${start}&count=3`)).body.Resources.map((u: { id: string }) => u.id));
      expect(paged, sort || "default order").toEqual(all);
    }
    // Without a filter, the directory's whole list pages the same way.
    const total = (await h.scim("GET", "/Users?count=0")).body.totalResults;
    const whole = (await h.scim("GET", `/Users?count=${total}`)).body.Resources.map((u: { id: string }) => u.id);
    const tail = (await h.scim("GET", `/Users?startIndex=${total - 1}&count=5`)).body;
    expect(tail).toMatchObject({ totalResults: total, startIndex: total - 1, itemsPerPage: 2 });
    expect(tail.Resources.map((u: { id: string }) => u.id)).toEqual(whole.slice(-2));
  });

  it("honours attributes and excludedAttributes", async () => {
    const u = (await h.scim("POST", "/Users", entraUser("proj@x", { title: "T" }))).body;
    const only = await h.scim("GET", `/Users/${u.id}?attributes=userName,name.givenName`);
    expect(only.body.id).toBe(u.id);
    expect(only.body.userName).toBe("proj@x");
    expect(only.body.name).toEqual({ givenName: "Given" });
    expect(only.body.title).toBeUndefined();
    const without = await h.scim("GET", `/Users/${u.id}?excludedAttributes=emails,title`);
    expect(without.body.emails).toBeUndefined();
    expect(without.body.title).toBeUndefined();
    expect(without.body.userName).toBe("proj@x");
  });

  it("POST /Users/.search takes a SearchRequest body", async () => {
    await h.scim("POST", "/Users", entraUser("searched@x"));
    const r = await h.scim("POST", "/Users/.search", {
      schemas: [SEARCH],
      filter: 'userName eq "searched@x"',
      attributes: ["userName"],
      startIndex: 1,
      count: 10,
    });
    expect(r.status).toBe(200);
    expect(r.body.totalResults).toBe(1);
    expect(r.body.Resources[0]).toMatchObject({ userName: "searched@x" });
    expect(r.body.Resources[0].emails).toBeUndefined();
  });

  it("Entra PATCH: multi-valued email by filter, familyName, userName, and disabling", async () => {
    const u = (await h.scim("POST", "/Users", entraUser("patchme@x"))).body;
    const multi = await h.scim("PATCH", `/Users/${u.id}`, {
      schemas: [PATCH],
      Operations: [
        { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" },
        { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
      ],
    });
    expect(multi.status).toBe(200);
    expect(multi.body.emails).toEqual([expect.objectContaining({ type: "work", value: "updatedEmail@microsoft.com" })]);
    expect(multi.body.name.familyName).toBe("updatedFamilyName");
    const byNewEmail = await h.scim("GET", `/Users?filter=${encodeURIComponent('emails.value eq "updatedemail@microsoft.com"')}`);
    expect(byNewEmail.body.totalResults).toBe(1);

    const single = await h.scim("PATCH", `/Users/${u.id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "userName", value: "renamed@x" }] });
    expect(single.body.userName).toBe("renamed@x");

    const disable = await h.scim("PATCH", `/Users/${u.id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "active", value: "False" }] });
    expect(disable.status).toBe(200);
    expect(disable.body.active).toBe(false);
    const stillThere = await h.scim("GET", `/Users?filter=${encodeURIComponent('userName eq "renamed@x"')}`);
    expect(stillThere.body.Resources[0].active).toBe(false);
    const inactive = await h.scim("GET", `/Users?filter=${encodeURIComponent("active eq false")}`);
    expect(inactive.body.Resources.map((x: { id: string }) => x.id)).toContain(u.id);
    // PATCHes that left the emails alone left their index alone too (it is rewritten only when they change).
    const stillByEmail = await h.scim("GET", `/Users?filter=${encodeURIComponent('emails.value eq "updatedemail@microsoft.com"')}`);
    expect(stillByEmail.body.Resources.map((x: { id: string }) => x.id)).toEqual([u.id]);
  });

  it("Entra PATCH: path-less replace with dotted and URN-qualified keys; manager set, changed, cleared", async () => {
    const u = (await h.scim("POST", "/Users", entraUser("pathless@x"))).body;
    const r = await h.scim("PATCH", `/Users/${u.id}`, {
      schemas: [PATCH],
      Operations: [
        {
          op: "replace",
          value: { "name.givenName": "Ada", [`${ENTERPRISE}:employeeNumber`]: "42", displayName: "Ada L", active: "True" },
        },
        { op: "Add", path: `${ENTERPRISE}:manager`, value: "mgr-1" },
        { op: "Add", path: 'phoneNumbers[type eq "mobile"].value', value: "+1 555 0199" },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.name.givenName).toBe("Ada");
    expect(r.body.displayName).toBe("Ada L");
    expect(r.body[ENTERPRISE]).toMatchObject({ employeeNumber: "42", manager: { value: "mgr-1" } });
    expect(r.body.phoneNumbers).toEqual([expect.objectContaining({ type: "mobile", value: "+1 555 0199" })]);
    const changed = await h.scim("PATCH", `/Users/${u.id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: `${ENTERPRISE}:manager`, value: "mgr-2" }] });
    expect(changed.body[ENTERPRISE].manager).toMatchObject({ value: "mgr-2" });
    const cleared = await h.scim("PATCH", `/Users/${u.id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: `${ENTERPRISE}:manager`, value: "" }] });
    expect(cleared.body[ENTERPRISE]?.manager).toBeUndefined();
    const titleCleared = await h.scim("PATCH", `/Users/${u.id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "displayName", value: null }] });
    expect(titleCleared.body.displayName).toBeUndefined();
  });

  it("custom profile fields arrive top-level or under Entra's unlisted extension URN, and are filterable", async () => {
    // Entra's unlisted extension URN, as the fixtures table records it.
    const ext = CUSTOM;
    const a = (await h.scim("POST", "/Users", entraUser("pf-a@x", { profileField_city: "Lisbon" }))).body;
    const b = (await h.scim("POST", "/Users", entraUser("pf-b@x", { [ext]: { profileField_city: "Porto" } }))).body;
    expect(a.profileField_city).toBe("Lisbon");
    expect(b[ext]).toMatchObject({ profileField_city: "Porto" });
    const lisbon = await h.scim("GET", `/Users?filter=${encodeURIComponent('profileField_city eq "lisbon"')}`);
    expect(lisbon.body.Resources.map((u: { id: string }) => u.id)).toEqual([a.id]);
    const porto = await h.scim("GET", `/Users?filter=${encodeURIComponent(`${ext}:profileField_city eq "Porto"`)}`);
    expect(porto.body.Resources.map((u: { id: string }) => u.id)).toEqual([b.id]);
    const patched = await h.scim("PATCH", `/Users/${b.id}`, {
      schemas: [PATCH],
      Operations: [{ op: "Replace", path: `${ext}:profileField_city`, value: "Braga" }],
    });
    expect(patched.body[ext].profileField_city).toBe("Braga");
    const patchedTop = await h.scim("PATCH", `/Users/${a.id}`, { schemas: [PATCH], Operations: [{ op: "Add", path: "profileField_city", value: "Faro" }] });
    expect(patchedTop.body.profileField_city).toBe("Faro");
  });

  it("PUT replaces the user; readOnly attributes are ignored", async () => {
    const u = (await h.scim("POST", "/Users", entraUser("put@x", { title: "Old" }))).body;
    const r = await h.scim("PUT", `/Users/${u.id}`, { schemas: [CORE], id: "ignored", userName: "put@x", name: { givenName: "New" }, meta: { created: "1999-01-01T00:00:00Z" } });
    expect(r.status).toBe(200);
    expect(r.body.id).toBe(u.id);
    expect(r.body.title).toBeUndefined();
    expect(r.body.name).toEqual({ givenName: "New" });
    expect(r.body.meta.created).toBe(u.meta.created);
  });

  it("honours If-Match (412 on a stale version) and If-None-Match (304)", async () => {
    const created = await h.scim("POST", "/Users", entraUser("etag@x"));
    const etag = created.headers.get("etag")!;
    const notModified = await h.scim("GET", `/Users/${created.body.id}`, undefined, { "if-none-match": etag });
    expect(notModified.status).toBe(304);
    const ok = await h.scim("PATCH", `/Users/${created.body.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "title", value: "A" }] }, { "if-match": etag });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).not.toBe(etag);
    const stale = await h.scim("PATCH", `/Users/${created.body.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "title", value: "B" }] }, { "if-match": etag });
    expect(stale.status).toBe(412);
    expect(stale.body.schemas).toEqual([ERROR]);
  });

  it("DELETE answers 204, then 404; the user leaves all groups; the userName can be provisioned again", async () => {
    const u = (await h.scim("POST", "/Users", entraUser("gone@x"))).body;
    const g = (await h.scim("POST", "/Groups", { schemas: [GROUP], displayName: "G-del", members: [{ value: u.id }] })).body;
    expect((await h.scim("DELETE", `/Users/${u.id}`)).status).toBe(204);
    const again = await h.scim("GET", `/Users/${u.id}`);
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ status: "404", schemas: [ERROR] });
    expect((await h.scim("DELETE", `/Users/${u.id}`)).status).toBe(404);
    const group = await h.scim("GET", `/Groups/${g.id}`);
    expect(group.body.members ?? []).toEqual([]);
    expect((await h.scim("POST", "/Users", entraUser("gone@x"))).status).toBe(201);
  });

  it("writes typed provisioning events in the same transaction as the change", async () => {
    const u = (await h.scim("POST", "/Users", entraUser("evented@x"))).body;
    await h.scim("PATCH", `/Users/${u.id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "active", value: false }] });
    await h.scim("DELETE", `/Users/${u.id}`);
    const events = await h.database.current.db.prisma.provisioningEvent.findMany({ where: { directoryId: h.directoryId, resourceId: u.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["user.created", "user.updated", "user.deactivated", "user.deleted"]);
    const log = await h.database.current.db.prisma.activityLog.findMany({ where: { directoryId: h.directoryId, resourceId: u.id } });
    expect(log.map((l) => l.operation).sort()).toEqual(["user.create", "user.delete", "user.patch"]);
  });
});
