// Hostile and broken input over HTTP, on both databases: every limit answers a 4xx in the SCIM error
// shape (RFC 7644 §3.12) naming what was wrong, nothing of a refused request is stored, and values
// within the limits (64 KiB strings, control characters, emoji, right-to-left text) round-trip exactly.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/database";
import { checkDirectoryInvariants } from "../support/directory-invariants";
import { useScimHarness, type ScimHarness, type ScimReply } from "../support/scim-harness";
import { SCHEMA_ERROR as ERROR, SCHEMA_GROUP as GROUP, SCHEMA_PATCH_OP as PATCH, SCHEMA_ROSTER_LIMITS as LIMITS, SCHEMA_SEARCH_REQUEST as SEARCH, SCHEMA_USER as CORE } from "@/lib/scim/schema";


function expectScimError(r: ScimReply, status: number, scimType?: string) {
  expect(r.status, r.text.slice(0, 300)).toBe(status);
  expect(r.headers.get("content-type")).toContain("application/scim+json");
  expect(r.body).toMatchObject({ schemas: [ERROR], status: String(status) });
  expect(typeof r.body.detail).toBe("string");
  expect(r.body.detail.length).toBeGreaterThan(0);
  if (scimType) expect(r.body.scimType).toBe(scimType);
}

/** Random characters from a range, so neither compression nor repetition hides the size. */
function randomText(length: number, from = 0x4e00, to = 0x9fff): string {
  let s = "";
  for (let i = 0; i < length; i++) s += String.fromCodePoint(from + Math.floor(Math.random() * (to - from)));
  return s;
}

async function counts(h: ScimHarness) {
  const db = h.database.current.db;
  const where = { directoryId: h.directoryId };
  return {
    users: await db.prisma.scimUser.count({ where }),
    emails: await db.prisma.scimUserEmail.count({ where }),
    groups: await db.prisma.scimGroup.count({ where }),
    members: await db.prisma.scimGroupMember.count({ where }),
    events: await db.prisma.provisioningEvent.count({ where }),
  };
}

describe.each(DATABASE_KINDS)("request limits and hostile input on %s", (kind) => {
  const h = useScimHarness(kind);
  const replies: ScimReply[] = [];
  const scim = async (...args: Parameters<ScimHarness["scim"]>) => {
    const r = await h.scim(...args);
    replies.push(r);
    return r;
  };

  it("/ServiceProviderConfig documents every limit in the Roster Limits extension", async () => {
    const r = await scim("GET", "/ServiceProviderConfig");
    expect(r.body.filter.maxResults).toBe(1000);
    expect(r.body[LIMITS]).toEqual({
      maxPayloadBytes: 4 * 1024 * 1024,
      maxPatchOperations: 1000,
      maxMembersPerRequest: 10_000,
      maxFilterLength: 4096,
      maxFilterDepth: 32,
      maxStringLength: 65_536,
      maxJsonDepth: 64,
      maxUserNameLength: 1024,
      rateLimit: { requests: 60000, windowSeconds: 60 },
    });
  });

  it("filter length: 4096 characters pass, 4097 → 400 invalidFilter (query and /.search)", async () => {
    const filterOf = (length: number) => {
      const head = 'userName eq "';
      return `${head}${"x".repeat(length - head.length - 1)}"`;
    };
    expect(filterOf(4096)).toHaveLength(4096);
    const ok = await scim("GET", `/Users?filter=${encodeURIComponent(filterOf(4096))}`);
    expect(ok.status).toBe(200);
    expect(ok.body.totalResults).toBe(0);
    expectScimError(await scim("GET", `/Users?filter=${encodeURIComponent(filterOf(4097))}`), 400, "invalidFilter");
    const search = await scim("POST", "/Users/.search", { schemas: [SEARCH], filter: filterOf(4097) });
    expectScimError(search, 400, "invalidFilter");
    expectScimError(await scim("GET", `/Groups?filter=${encodeURIComponent(filterOf(5000))}`), 400, "invalidFilter");
  });

  it("filter nesting: 32 levels pass, 33 → 400 invalidFilter; 2000 levels (inside the length limit) → 400, not a stack overflow", async () => {
    const nested = (depth: number) => `${"(".repeat(depth)}userName eq "x"${")".repeat(depth)}`;
    const notNested = (depth: number) => `${"not (".repeat(depth)}userName eq "x"${")".repeat(depth)}`;
    // Find the deepest accepted nesting: it must be exactly the advertised 32 (counted the parser's way).
    const depthOk = async (f: string) => (await scim("GET", `/Users?filter=${encodeURIComponent(f)}`)).status === 200;
    let deepest = 0;
    for (let d = 1; d <= 40; d++) if (await depthOk(nested(d))) deepest = d;
    expect(deepest).toBeGreaterThanOrEqual(31);
    expect(deepest).toBeLessThanOrEqual(32);
    expectScimError(await scim("GET", `/Users?filter=${encodeURIComponent(nested(33))}`), 400, "invalidFilter");
    expectScimError(await scim("GET", `/Users?filter=${encodeURIComponent(nested(2000))}`), 400, "invalidFilter");
    expectScimError(await scim("GET", `/Users?filter=${encodeURIComponent(notNested(600))}`), 400, "invalidFilter");
    expectScimError(await scim("GET", `/Groups?filter=${encodeURIComponent(`members[value eq "a" and ${nested(40)}]`)}`), 400, "invalidFilter");
  });

  it("PATCH operations: 1000 per request pass, 1001 → 400 with nothing applied (users and groups)", async () => {
    const u = (await scim("POST", "/Users", { schemas: [CORE], userName: "ops@contoso.example", title: "Before" })).body;
    const ops = (n: number, last: string) => Array.from({ length: n }, (_, i) => ({ op: "replace", path: "title", value: i === n - 1 ? last : `t${i}` }));
    const ok = await scim("PATCH", `/Users/${u.id}`, { schemas: [PATCH], Operations: ops(1000, "After") });
    expect(ok.status).toBe(200);
    expect(ok.body.title).toBe("After");
    const tooMany = await scim("PATCH", `/Users/${u.id}`, { schemas: [PATCH], Operations: ops(1001, "Never") });
    expectScimError(tooMany, 400);
    expect(tooMany.body.detail).toMatch(/1000/);
    expect((await scim("GET", `/Users/${u.id}`)).body.title).toBe("After");
    const g = (await scim("POST", "/Groups", { schemas: [GROUP], displayName: "Ops" })).body;
    const gOps = (n: number) => Array.from({ length: n }, (_, i) => ({ op: "replace", path: "displayName", value: `Ops ${i}` }));
    expect((await scim("PATCH", `/Groups/${g.id}`, { schemas: [PATCH], Operations: gOps(1000) })).status).toBe(204);
    expectScimError(await scim("PATCH", `/Groups/${g.id}`, { schemas: [PATCH], Operations: gOps(1001) }), 400);
    expect((await scim("GET", `/Groups/${g.id}`)).body.displayName).toBe("Ops 999");
  });

  it("members per request: 10,000 pass, 10,001 → 400 with nothing applied (PATCH, POST and PUT)", async () => {
    // In a directory of its own: the users are inserted directly (10,000 POSTs would take minutes).
    const other = await h.newDirectory("Ten thousand");
    const asOther = (method: string, path: string, body?: unknown) => scim(method, path, body, { authorization: `Bearer ${other.token}` });
    const db = h.database.current.db;
    const ids = Array.from({ length: 10_001 }, () => randomUUID());
    for (let i = 0; i < ids.length; i += 2000) {
      await db.prisma.scimUser.createMany({
        data: ids.slice(i, i + 2000).map((id, j) => ({ id, directoryId: other.directoryId, userName: `bulk-${i + j}`, userNameKey: `bulk-${i + j}`, resource: { userName: `bulk-${i + j}` }, profileFields: {} })),
      });
    }
    const members = (list: string[]) => list.map((value) => ({ value }));
    const g = (await asOther("POST", "/Groups", { schemas: [GROUP], displayName: "Ten thousand" })).body;
    const tooMany = await asOther("PATCH", `/Groups/${g.id}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: members(ids) }] });
    expectScimError(tooMany, 400);
    expect(tooMany.body.detail).toMatch(/10000|10,000/);
    // The limit counts members named in the whole request, not per operation.
    const split = await asOther("PATCH", `/Groups/${g.id}`, {
      schemas: [PATCH],
      Operations: [
        { op: "add", path: "members", value: members(ids.slice(0, 5000)) },
        { op: "add", path: "members", value: members(ids.slice(5000)) },
      ],
    });
    expectScimError(split, 400);
    expect(await db.prisma.scimGroupMember.count({ where: { groupId: g.id } })).toBe(0);
    const ok = await asOther("PATCH", `/Groups/${g.id}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: members(ids.slice(0, 10_000)) }] });
    expect(ok.status).toBe(204);
    expect(await db.prisma.scimGroupMember.count({ where: { groupId: g.id } })).toBe(10_000);
    expect((await db.prisma.scimGroup.findUnique({ where: { id: g.id } }))?.memberCount).toBe(10_000);
    const groupsBefore = await db.prisma.scimGroup.count({ where: { directoryId: other.directoryId } });
    const createTooMany = await asOther("POST", "/Groups", { schemas: [GROUP], displayName: "Too big", members: members(ids) });
    const putTooMany = await asOther("PUT", `/Groups/${g.id}`, { schemas: [GROUP], displayName: "Ten thousand", members: members(ids) });
    expect({ post: createTooMany.status, put: putTooMany.status }).toEqual({ post: 400, put: 400 });
    expect(await db.prisma.scimGroup.count({ where: { directoryId: other.directoryId } })).toBe(groupsBefore);
    expect(await db.prisma.scimGroupMember.count({ where: { groupId: g.id } })).toBe(10_000);
  }, 120_000);

  it("64 KiB strings are kept exactly; one character more → 400 invalidValue, nothing stored", async () => {
    const before = await counts(h);
    const big = randomText(64 * 1024);
    const ok = await scim("POST", "/Users", { schemas: [CORE], userName: "big@contoso.example", title: big, "urn:example:custom": big.slice(0, 10) });
    expect(ok.status).toBe(201);
    expect((await scim("GET", `/Users/${ok.body.id}`)).body.title).toBe(big);
    const before2 = await counts(h);
    expect(before2.users).toBe(before.users + 1);
    for (const body of [
      { schemas: [CORE], userName: "big2@contoso.example", title: big + "x" },
      { schemas: [CORE], userName: "big3@contoso.example", addresses: [{ type: "work", streetAddress: big + "x" }] },
      { schemas: [CORE], userName: "big4@contoso.example", [big + "x"]: "key too long" },
    ]) {
      expectScimError(await scim("POST", "/Users", body), 400, "invalidValue");
    }
    const patch = await scim("PATCH", `/Users/${ok.body.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "nickName", value: big + "x" }] });
    expectScimError(patch, 400, "invalidValue");
    expectScimError(await scim("POST", "/Groups", { schemas: [GROUP], displayName: big + "x" }), 400, "invalidValue");
    expect(await counts(h)).toEqual(before2);
    await scim("DELETE", `/Users/${ok.body.id}`);
  });

  it("long values of indexed attributes (userName, externalId, emails, group displayName) → 201 and exact, or a 4xx — never a 500", async () => {
    // PostgreSQL refuses a B-tree index entry above ~2700 bytes: random CJK text (3 bytes a character
    // in UTF-8) defeats compression, so these values are large in the index too.
    const cases: [string, string, Record<string, unknown>][] = [
      ["userName of 1024 CJK characters", "/Users", { schemas: [CORE], userName: randomText(1024) }],
      ["externalId of 4000 CJK characters", "/Users", { schemas: [CORE], userName: `ext-${randomUUID()}`, externalId: randomText(4000) }],
      ["an email of 4000 CJK characters", "/Users", { schemas: [CORE], userName: `mail-${randomUUID()}`, emails: [{ value: `${randomText(4000)}@x`, primary: true }] }],
      ["group displayName of 4000 CJK characters", "/Groups", { schemas: [GROUP], displayName: randomText(4000) }],
      ["group externalId of 4000 CJK characters", "/Groups", { schemas: [GROUP], displayName: `g-${randomUUID()}`, externalId: randomText(4000) }],
    ];
    const failures: string[] = [];
    for (const [label, path, body] of cases) {
      const before = await counts(h);
      const r = await scim("POST", path, body);
      if (r.status === 201) {
        const got = (await scim("GET", `${path}/${r.body.id}`)).body;
        for (const key of ["userName", "externalId", "displayName"]) if (key in body && got[key] !== body[key]) failures.push(`${label}: ${key} not kept exactly`);
        await scim("DELETE", `${path}/${r.body.id}`);
      } else if (r.status >= 400 && r.status < 500 && r.body?.schemas?.[0] === ERROR) {
        expect(await counts(h), label).toEqual(before);
      } else {
        failures.push(`${label}: ${r.status} ${r.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("NUL → 400; other control characters, emoji, right-to-left and combining text round-trip exactly and are found by filter", async () => {
    expectScimError(await scim("POST", "/Users", { schemas: [CORE], userName: "nul\u0000@x" }), 400, "invalidValue");
    expectScimError(await scim("POST", "/Users", { schemas: [CORE], userName: "nul-in-title@x", title: "a\u0000b" }), 400, "invalidValue");
    expectScimError(await scim("POST", "/Groups", { schemas: [GROUP], displayName: "a\u0000b" }), 400, "invalidValue");
    const controls = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join("") + "\u007f\u0085\u2028\u2029\ufeff";
    const names = [
      "😀👩🏽‍💻🏳️‍🌈@contoso.example",
      "مرحبا.بالعالم@contoso.example",
      "שלום\u200f@contoso.example",
      "e\u0301tienne@contoso.example",
      "ǅungla-İstanbul-ß@contoso.example",
      `${"🦄".repeat(512)}`,
    ];
    for (const userName of names) {
      const r = await scim("POST", "/Users", { schemas: [CORE], userName, title: controls, displayName: userName });
      expect(r.status, userName).toBe(201);
      const got = (await scim("GET", `/Users/${r.body.id}`)).body;
      expect(got.userName).toBe(userName);
      expect(got.title).toBe(controls);
      const found = await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq ${JSON.stringify(userName)}`)}`);
      expect(found.body.totalResults, userName).toBe(1);
      expect(found.body.Resources[0].id).toBe(r.body.id);
    }
    const longName = await scim("POST", "/Users", { schemas: [CORE], userName: "x".repeat(1025) });
    expectScimError(longName, 400, "invalidValue");
  });

  it("lone surrogates (\\ud800 escapes) → 400 anywhere in the body, nothing stored", async () => {
    const before = await counts(h);
    const bodies = [
      `{"schemas":["${CORE}"],"userName":"lone-\\ud800@contoso.example"}`,
      `{"schemas":["${CORE}"],"userName":"lone-low@contoso.example","title":"\\udc00"}`,
      `{"schemas":["${CORE}"],"userName":"lone-key@contoso.example","x\\udbff":1}`,
      `{"schemas":["${GROUP}"],"displayName":"\\ud83d"}`,
    ];
    for (const [i, body] of bodies.entries()) {
      const r = await scim("POST", i === 3 ? "/Groups" : "/Users", body);
      expectScimError(r, 400);
    }
    // A correctly paired escape is an ordinary character.
    const paired = await scim("POST", "/Users", `{"schemas":["${CORE}"],"userName":"pair-\\ud83d\\ude00@contoso.example"}`);
    expect(paired.status).toBe(201);
    expect(paired.body.userName).toBe("pair-😀@contoso.example");
    expect((await counts(h)).users).toBe(before.users + 1);
    const u = paired.body.id;
    const patch = await scim("PATCH", `/Users/${u}`, `{"schemas":["${PATCH}"],"Operations":[{"op":"replace","path":"title","value":"\\udfff"}]}`);
    expectScimError(patch, 400);
    expect((await scim("GET", `/Users/${u}`)).body.title).toBeUndefined();
  });

  it("malformed bodies, wrong content types and empty bodies → 4xx SCIM errors, nothing stored", async () => {
    const before = await counts(h);
    const cases: [string, string | undefined, Record<string, string>, number][] = [
      ["truncated JSON", `{"schemas":["${CORE}"],"userName":"tr`, {}, 400],
      ["trailing garbage", `{"schemas":["${CORE}"],"userName":"tg@x"} x`, {}, 400],
      ["JSON null", "null", {}, 400],
      ["a JSON string", '"userName"', {}, 400],
      ["a JSON number", "42", {}, 400],
      ["an empty body", "", {}, 400],
      ["whitespace only", "   \n", {}, 400],
      ["invalid UTF-8", "\u0000", {}, 400],
      ["text/plain", `{"schemas":["${CORE}"],"userName":"tp@x"}`, { "content-type": "text/plain" }, 415],
      ["form-encoded", "userName=x", { "content-type": "application/x-www-form-urlencoded" }, 415],
      ["multipart", "--b\r\n\r\n--b--", { "content-type": "multipart/form-data; boundary=b" }, 415],
      ["xml", "<User/>", { "content-type": "application/xml" }, 415],
      ["deeply nested arrays", `{"schemas":["${CORE}"],"userName":"deep@x","x":${"[".repeat(5000)}${"]".repeat(5000)}}`, {}, 400],
    ];
    for (const [label, body, headers, status] of cases) {
      const init: RequestInit = { method: "POST", headers: { authorization: `Bearer ${h.token}`, "content-type": "application/scim+json", ...headers } };
      if (body !== undefined) init.body = label === "invalid UTF-8" ? new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]) : body;
      const r = await h.raw("/api/scim/v2/Users", init);
      replies.push(r);
      expect(r.status, label).toBe(status);
      expect(r.body?.schemas, label).toEqual([ERROR]);
    }
    // PATCH and PUT read bodies the same way.
    const u = (await scim("POST", "/Users", { schemas: [CORE], userName: "body-target@x" })).body;
    expectScimError(await scim("PATCH", `/Users/${u.id}`, "{"), 400);
    expectScimError(await scim("PUT", `/Users/${u.id}`, ""), 400);
    expectScimError(await scim("PATCH", `/Users/${u.id}`, "[]"), 400);
    // application/json and a charset parameter are fine; a missing Content-Type is read as JSON.
    const json = await scim("POST", "/Users", { schemas: [CORE], userName: "ct1@x" }, { "content-type": "application/json; charset=utf-8" });
    expect(json.status).toBe(201);
    // A byte body: fetch adds no Content-Type of its own (it would send text/plain for a string).
    const none = await h.raw("/api/scim/v2/Users", { method: "POST", headers: { authorization: `Bearer ${h.token}` }, body: new TextEncoder().encode(JSON.stringify({ schemas: [CORE], userName: "ct2@x" })) });
    expect(none.status).toBe(201);
    expect((await counts(h)).users).toBe(before.users + 3);
  });

  it("413 for a body over the limit, also without Content-Length (chunked), nothing stored", async () => {
    const before = await counts(h);
    const huge = JSON.stringify({ schemas: [CORE], userName: "huge@x", x: "y".repeat(4 * 1024 * 1024) });
    expectScimError(await scim("POST", "/Users", huge), 413);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"schemas":["${CORE}"],"userName":"chunked@x","x":"`));
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(1024 * 1024).fill(0x61));
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const chunked = await h.raw("/api/scim/v2/Users", {
      method: "POST",
      headers: { authorization: `Bearer ${h.token}`, "content-type": "application/scim+json" },
      body: chunks,
      duplex: "half",
    } as RequestInit);
    replies.push(chunked);
    expectScimError(chunked, 413);
    expect(await counts(h)).toEqual(before);
  });

  it("no request of this suite was answered with a 5xx, and the directory is consistent", async () => {
    expect(replies.filter((r) => r.status >= 500).map((r) => `${r.status} ${r.text.slice(0, 200)}`)).toEqual([]);
    expect(await checkDirectoryInvariants(h.database.current.db, h.directoryId)).toEqual([]);
  });
});
