// /api/v1 over real HTTP on both databases: the Directory API, the events endpoint and the OpenAPI
// document, with API keys. Data is provisioned through SCIM, as an identity provider would. Every
// response is validated twice: by the zod schemas and by the OpenAPI document's own schemas (ajv),
// and every status an endpoint answers must be documented for it.
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createApiKey } from "@/lib/admin/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/admin/api-keys/revoke-api-key";
import { handleV1Request } from "@/lib/api-v1/handle-v1-request";
import { COMPONENT_SCHEMAS } from "@/lib/api-v1/schemas";
import { pruneEvents } from "@/lib/events/prune-events";
import { DATABASE_KINDS } from "../support/database";
import { startTestServer } from "../support/http-server";
import { restoreTestEnv, setTestEnv } from "../support/settings";
import { useScimHarness } from "../support/scim-harness";
import { SCHEMA_ENTERPRISE_USER as ENTERPRISE, SCHEMA_GROUP as GROUP, SCHEMA_PATCH_OP as PATCH, SCHEMA_USER as USER } from "@/lib/scim/schema";
import { TEST_ACTOR } from "../support/audit";


// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
type Json = any;

interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

describe.each(DATABASE_KINDS)("/api/v1 on %s", (kind) => {
  const h = useScimHarness(kind);
  const server: { url: string; close?: () => Promise<void> } = { url: "" };
  const keys = { all: "", onlyA: "", revoked: "" };
  const a = { directoryId: "", userIds: [] as string[], groupId: "" };
  const b = { directoryId: "", token: "", userId: "", groupId: "" };
  let openapi: Json;
  let ajv: Ajv2020;

  async function get(path: string, key: string | null = keys.all, init: RequestInit = {}): Promise<Reply> {
    const res = await fetch(`${server.url}/api/v1${path}`, { ...init, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(init.headers ?? {}) } });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  /** The response matches what the OpenAPI document says `template` answers with that status. */
  function expectDocumented(template: string, r: Reply) {
    const response = openapi.paths[template]?.get?.responses?.[String(r.status)];
    expect(response, `${template} does not document ${r.status}`).toBeDefined();
    const ref = response.content["application/json"].schema.$ref as string | undefined;
    if (!ref) return;
    const validate = ajv.getSchema(`openapi.json${ref}`)!;
    expect(validate(r.body), JSON.stringify(validate.errors)).toBe(true);
  }

  /** 200, valid per zod and per the document. */
  function expectOk<T extends z.ZodType>(template: string, r: Reply, schema: T): z.infer<T> {
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expectDocumented(template, r);
    return schema.parse(r.body);
  }

  function expectError(template: string, r: Reply, status: number, code: string) {
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(Object.keys(r.body)).toEqual(["error"]);
    expect(r.body.error).toEqual({ code, message: expect.any(String) });
    COMPONENT_SCHEMAS.Error.parse(r.body);
    expectDocumented(template, r);
  }

  async function scimUser(userName: string, token?: string, extra: Record<string, unknown> = {}) {
    const r = await h.scim(
      "POST",
      "/Users",
      { schemas: [USER], userName, externalId: `ext-${userName}`, active: true, name: { givenName: "Given", familyName: userName }, emails: [{ value: userName, type: "work", primary: true }], ...extra },
      token ? { authorization: `Bearer ${token}` } : {},
    );
    expect(r.status, r.text).toBe(201);
    return r.body.id as string;
  }

  async function scimGroup(displayName: string, members: string[], token?: string) {
    const r = await h.scim("POST", "/Groups", { schemas: [GROUP], displayName, members: members.map((value) => ({ value })) }, token ? { authorization: `Bearer ${token}` } : {});
    expect(r.status, r.text).toBe(201);
    return r.body.id as string;
  }

  beforeAll(async () => {
    const started = await startTestServer({ "/api/v1": (r) => handleV1Request(r) });
    server.url = started.url;
    server.close = started.close;
    a.directoryId = h.directoryId;
    const other = await h.newDirectory("Fabrikam");
    b.directoryId = other.directoryId;
    b.token = other.token;
    keys.all = (await createApiKey({ name: "all", actor: TEST_ACTOR })).key;
    keys.onlyA = (await createApiKey({ name: "only A", directoryIds: [a.directoryId], actor: TEST_ACTOR })).key;
    const revoked = await createApiKey({ name: "revoked", actor: TEST_ACTOR });
    keys.revoked = revoked.key;
    await revokeApiKey({ apiKeyId: revoked.apiKey.id, actor: TEST_ACTOR });

    for (const name of ["ada@a.example", "grace@a.example", "linus@a.example"]) a.userIds.push(await scimUser(name, undefined, { [ENTERPRISE]: { department: "R&D" }, profileField_costCenter: "42" }));
    a.groupId = await scimGroup("Engineers", a.userIds.slice(0, 2));
    b.userId = await scimUser("bob@b.example", b.token);
    b.groupId = await scimGroup("Fabrikam staff", [b.userId], b.token);

    openapi = (await get("/openapi.json", null)).body;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(openapi, "openapi.json");
  });
  afterAll(async () => {
    await server.close?.();
  });

  describe("OpenAPI document", () => {
    it("is served without a key and is a valid OpenAPI 3.1 document", async () => {
      const r = await get("/openapi.json", null);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toContain("application/json");
      expect(r.body.openapi).toBe("3.1.0");
      const result = await new Validator().validate(r.body);
      expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
      expect(result.valid).toBe(true);
      expect(r.body.servers).toEqual([{ url: `${server.url}/api/v1` }]);
    });

    it("describes every endpoint with its parameters, responses and errors", () => {
      expect(Object.keys(openapi.paths).sort()).toEqual(
        [
          "/directories",
          "/directories/{directoryId}",
          "/directories/{directoryId}/groups",
          "/directories/{directoryId}/groups/{groupId}",
          "/directories/{directoryId}/groups/{groupId}/members",
          "/directories/{directoryId}/users",
          "/directories/{directoryId}/users/{userId}",
          "/events",
          "/groups/{groupId}",
          "/groups/{groupId}/members",
          "/openapi.json",
        ].sort(),
      );
      const users = openapi.paths["/directories/{directoryId}/users"].get;
      expect(users.parameters.map((p: { name: string }) => p.name)).toEqual(["directoryId", "cursor", "limit", "groupId", "active", "updatedSince"]);
      expect(users.parameters.find((p: { name: string }) => p.name === "limit")).toMatchObject({ in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } });
      expect(Object.keys(users.responses).sort()).toEqual(["200", "400", "401", "403", "404", "429", "500", "503"]);
      expect(Object.keys(openapi.paths["/events"].get.responses)).toContain("410");
      expect(openapi.paths["/openapi.json"].get.security).toEqual([]);
      expect(JSON.stringify(openapi)).not.toContain("__shared");
    });
  });

  describe("authentication and access", () => {
    const aPaths = () => [`/directories/${a.directoryId}`, `/directories/${a.directoryId}/users`, `/directories/${a.directoryId}/users/${a.userIds[0]}`, `/directories/${a.directoryId}/groups`, `/directories/${a.directoryId}/groups/${a.groupId}`, `/directories/${a.directoryId}/groups/${a.groupId}/members`, `/groups/${a.groupId}`, `/groups/${a.groupId}/members`, "/directories", "/events"];

    it("answers 401 with a Bearer challenge and no data without a key, with an unknown one or a revoked one", async () => {
      for (const key of [null, "rk_not-a-key", keys.revoked]) {
        for (const path of aPaths()) {
          const r = await get(path, key);
          expectError(templateOf(path), r, 401, "unauthorized");
          expect(r.headers.get("www-authenticate")).toMatch(/^Bearer realm="roster"/);
          expect(JSON.stringify(r.body)).not.toContain("ada@a.example");
        }
      }
      expect((await get("/directories", null, { headers: { authorization: "Basic abc" } })).status).toBe(401);
      expect((await get("/directories", keys.revoked)).body.error.message).toMatch(/revoked/);
    });

    it("answers 403 with no data when the key is restricted to another directory", async () => {
      const paths = [`/directories/${b.directoryId}`, `/directories/${b.directoryId}/users`, `/directories/${b.directoryId}/users/${b.userId}`, `/directories/${b.directoryId}/groups`, `/directories/${b.directoryId}/groups/${b.groupId}`, `/directories/${b.directoryId}/groups/${b.groupId}/members`, `/groups/${b.groupId}`, `/groups/${b.groupId}/members`, `/events?directoryId=${b.directoryId}`];
      for (const path of paths) {
        const r = await get(path, keys.onlyA);
        expectError(templateOf(path), r, 403, "forbidden");
        expect(JSON.stringify(r.body)).not.toMatch(/bob@b\.example|Fabrikam/);
      }
      // A restricted key asking for a directory that does not exist learns nothing either.
      expect((await get("/directories/no-such-directory", keys.onlyA)).status).toBe(403);
    });

    it("lets a restricted key see only its directories", async () => {
      const list = expectOk("/directories", await get("/directories", keys.onlyA), COMPONENT_SCHEMAS.DirectoryList);
      expect(list.data.map((d) => d.id)).toEqual([a.directoryId]);
      const all = expectOk("/directories", await get("/directories"), COMPONENT_SCHEMAS.DirectoryList);
      expect(all.data.map((d) => d.id)).toEqual(expect.arrayContaining([a.directoryId, b.directoryId]));
    });
  });

  describe("Directory API", () => {
    it("GET /directories/{id}: name, type, active, counts, lastActivityAt, health", async () => {
      const d = expectOk("/directories/{directoryId}", await get(`/directories/${a.directoryId}`), COMPONENT_SCHEMAS.DirectoryDetail);
      expect(d).toMatchObject({ id: a.directoryId, name: "Contoso", type: "scim", active: true, counts: { users: 3, groups: 1 } });
      // The suite provisioned directory A through SCIM: one cycle so far, every request answered well.
      expect(d.health).toMatchObject({ state: "healthy", failureRate: 0, nextCycleExpectedAt: null, lastCycle: { failures: 0, users: { created: 3 }, groups: { created: 1 } } });
      expect(d.health.lastCycle!.requests).toBeGreaterThanOrEqual(5);
      expect(Date.parse(d.health.lastRequestAt!)).toBeGreaterThanOrEqual(Date.parse(d.health.since));
      expect(d.lastActivityAt === null || !Number.isNaN(Date.parse(d.lastActivityAt))).toBe(true);
      expectError("/directories/{directoryId}", await get("/directories/no-such-directory"), 404, "not_found");
    });

    it("GET /directories/{id}/users/{userId}: the user with its groups, profile fields and raw resource", async () => {
      const u = expectOk("/directories/{directoryId}/users/{userId}", await get(`/directories/${a.directoryId}/users/${a.userIds[0]}`), COMPONENT_SCHEMAS.DirectoryUser);
      expect(u).toMatchObject({
        id: a.userIds[0],
        directoryId: a.directoryId,
        userName: "ada@a.example",
        externalId: "ext-ada@a.example",
        active: true,
        name: { givenName: "Given", familyName: "ada@a.example" },
        primaryEmail: "ada@a.example",
        emails: [{ value: "ada@a.example", type: "work", primary: true }],
        profileFields: { costCenter: "42" },
        groups: [{ id: a.groupId, displayName: "Engineers" }],
      });
      expect(u.raw).toMatchObject({ userName: "ada@a.example", [ENTERPRISE]: { department: "R&D" } });
      // Another directory's user is not found under this one, even with a key that may read both.
      expectError("/directories/{directoryId}/users/{userId}", await get(`/directories/${a.directoryId}/users/${b.userId}`), 404, "not_found");
    });

    it("GET /directories/{id}/users with filters: active, groupId, updatedSince", async () => {
      const all = expectOk("/directories/{directoryId}/users", await get(`/directories/${a.directoryId}/users`), COMPONENT_SCHEMAS.UserList);
      expect(all.data.map((u) => u.id)).toEqual(a.userIds);
      expect(all.next).toBeNull();

      const patched = await h.scim("PATCH", `/Users/${a.userIds[2]}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: false }] });
      expect(patched.status).toBe(200);
      const inactive = expectOk("/directories/{directoryId}/users", await get(`/directories/${a.directoryId}/users?active=false`), COMPONENT_SCHEMAS.UserList);
      expect(inactive.data.map((u) => u.id)).toEqual([a.userIds[2]]);
      const active = expectOk("/directories/{directoryId}/users", await get(`/directories/${a.directoryId}/users?active=true`), COMPONENT_SCHEMAS.UserList);
      expect(active.data.map((u) => u.id)).toEqual(a.userIds.slice(0, 2));

      const members = expectOk("/directories/{directoryId}/users", await get(`/directories/${a.directoryId}/users?groupId=${a.groupId}&limit=1`), COMPONENT_SCHEMAS.UserList);
      expect(members.data).toHaveLength(1);
      const rest = expectOk("/directories/{directoryId}/users", await get(`/directories/${a.directoryId}/users?groupId=${a.groupId}&limit=1&cursor=${members.next}`), COMPONENT_SCHEMAS.UserList);
      expect([...members.data, ...rest.data].map((u) => u.id).sort()).toEqual(a.userIds.slice(0, 2).sort());
      expectError("/directories/{directoryId}/users", await get(`/directories/${a.directoryId}/users?groupId=${b.groupId}`), 404, "not_found");

      const since = new Date(Date.parse(inactive.data[0].updatedAt)).toISOString();
      const changed = expectOk("/directories/{directoryId}/users", await get(`/directories/${a.directoryId}/users?updatedSince=${since}`), COMPONENT_SCHEMAS.UserList);
      expect(changed.data.map((u) => u.id)).toContain(a.userIds[2]);
      expect(changed.data.every((u) => u.updatedAt >= since)).toBe(true);
    });

    it("GET groups: the directory's list, one group, its members", async () => {
      const groups = expectOk("/directories/{directoryId}/groups", await get(`/directories/${a.directoryId}/groups`), COMPONENT_SCHEMAS.GroupList);
      expect(groups.data.map((g) => g.id)).toEqual([a.groupId]);
      expect(groups.data[0]).toMatchObject({ displayName: "Engineers", memberCount: 2, directoryId: a.directoryId });
      const group = expectOk("/groups/{groupId}", await get(`/groups/${a.groupId}`), COMPONENT_SCHEMAS.DirectoryGroup);
      expect(group).toEqual(groups.data[0]);
      const members = expectOk("/groups/{groupId}/members", await get(`/groups/${a.groupId}/members`), COMPONENT_SCHEMAS.UserList);
      expect(members.data.map((u) => u.id).sort()).toEqual(a.userIds.slice(0, 2).sort());
      expectError("/groups/{groupId}", await get("/groups/no-such-group"), 404, "not_found");
      expectError("/groups/{groupId}/members", await get("/groups/no-such-group/members"), 404, "not_found");
      expectError("/directories/{directoryId}/groups", await get("/directories/no-such-directory/groups"), 404, "not_found");
      // The same group and members addressed under their directory; a group of another directory is not found there.
      expect(expectOk("/directories/{directoryId}/groups/{groupId}", await get(`/directories/${a.directoryId}/groups/${a.groupId}`), COMPONENT_SCHEMAS.DirectoryGroup)).toEqual(group);
      const nested = expectOk("/directories/{directoryId}/groups/{groupId}/members", await get(`/directories/${a.directoryId}/groups/${a.groupId}/members?limit=1`), COMPONENT_SCHEMAS.UserList);
      expect(nested.data).toHaveLength(1);
      const rest = expectOk("/directories/{directoryId}/groups/{groupId}/members", await get(`/directories/${a.directoryId}/groups/${a.groupId}/members?cursor=${nested.next}`), COMPONENT_SCHEMAS.UserList);
      expect([...nested.data, ...rest.data].map((u) => u.id)).toEqual(members.data.map((u) => u.id));
      expect(rest.next).toBeNull();
      expectError("/directories/{directoryId}/groups/{groupId}", await get(`/directories/${a.directoryId}/groups/${b.groupId}`), 404, "not_found");
      expectError("/directories/{directoryId}/groups/{groupId}/members", await get(`/directories/${a.directoryId}/groups/${b.groupId}/members`), 404, "not_found");
      expect(JSON.stringify((await get(`/directories/${a.directoryId}/groups/${b.groupId}/members`)).body)).not.toMatch(/bob@b\.example|Fabrikam/);
    });

    it.each([
      ["/directories/{directoryId}/users", "?limit=0", /limit/],
      ["/directories/{directoryId}/users", "?limit=1001", /limit/],
      ["/directories/{directoryId}/users", "?limit=ten", /limit/],
      ["/directories/{directoryId}/users", "?limit=1.5", /limit/],
      ["/directories/{directoryId}/users", "?active=maybe", /active/],
      ["/directories/{directoryId}/users", "?updatedSince=yesterday", /updatedSince/],
      ["/directories/{directoryId}/users", "?cursor=not-a-cursor", /cursor/],
      ["/directories/{directoryId}/users", "?limit=1&limit=2", /more than once/],
      ["/directories/{directoryId}/users", "?after=x", /Unknown parameter "after"/],
      ["/directories/{directoryId}/groups", "?groupId=x", /Unknown parameter "groupId"/],
      ["/events", "?cursor=x", /Unknown parameter "cursor"/],
      ["/events", "?types=user.created,user.exploded", /user\.exploded/],
      ["/events", "?limit=0", /limit/],
    ])("%s%s → 400 naming the parameter", async (template, query, message) => {
      const r = await get(`${template.replace("{directoryId}", a.directoryId)}${query}`);
      expectError(template, r, 400, "invalid_request");
      expect(r.body.error.message).toMatch(message);
    });

    it("refuses a cursor of another listing", async () => {
      const groups = expectOk("/directories", await get("/directories?limit=1"), COMPONENT_SCHEMAS.DirectoryList);
      expect(groups.next).not.toBeNull();
      expectError("/directories/{directoryId}/users", await get(`/directories/${a.directoryId}/users?cursor=${groups.next}`), 400, "invalid_request");
    });

    it("answers 404 for an unknown path and 405 for any method but GET", async () => {
      const r = await get("/nothing-here");
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe("not_found");
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        const m = await get(`/directories/${a.directoryId}/users`, keys.all, { method });
        expect(m.status, method).toBe(405);
        expect(m.headers.get("allow")).toBe("GET");
        expect(m.body.error.code).toBe("method_not_allowed");
      }
    });
  });

  describe("keyset pagination", () => {
    it("walks a few hundred users while others are inserted: no duplicates, none of those present throughout skipped", async () => {
      const c = await h.newDirectory("Paged");
      const auth = { authorization: `Bearer ${c.token}` };
      const initial = new Set<string>();
      for (let i = 0; i < 300; i += 20) {
        const ids = await Promise.all(Array.from({ length: 20 }, (_, j) => scimUser(`p${String(i + j).padStart(3, "0")}@c.example`, c.token)));
        for (const id of ids) initial.add(id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let inserted = 0;
      do {
        const query: string = `/directories/${c.directoryId}/users?limit=37${cursor ? `&cursor=${cursor}` : ""}`;
        // Writers insert while the reader pages: every page races with a batch of creates.
        const [page] = await Promise.all([
          get(query),
          ...Array.from({ length: 4 }, () => h.scim("POST", "/Users", { schemas: [USER], userName: `late${inserted++}@c.example` }, auth)),
        ]);
        const body = expectOk("/directories/{directoryId}/users", page, COMPONENT_SCHEMAS.UserList);
        seen.push(...body.data.map((u) => u.id));
        cursor = body.next;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of initial) expect(seen).toContain(id);

      // The same walk by last change, and through a group's members, is complete too.
      const byChange: string[] = [];
      cursor = null;
      do {
        const body: { data: { id: string }[]; next: string | null } = expectOk("/directories/{directoryId}/users", await get(`/directories/${c.directoryId}/users?limit=101&updatedSince=2000-01-01T00:00:00Z${cursor ? `&cursor=${cursor}` : ""}`), COMPONENT_SCHEMAS.UserList);
        byChange.push(...body.data.map((u) => u.id));
        cursor = body.next;
      } while (cursor);
      expect(new Set(byChange).size).toBe(byChange.length);
      for (const id of initial) expect(byChange).toContain(id);
    }, 120_000);
  });

  describe("events feed", () => {
    async function readAll(key: string, query = "") {
      const events: Json[] = [];
      let after = "";
      for (;;) {
        const r = await get(`/events?limit=50${query}${after ? `&after=${after}` : ""}`, key);
        const page = expectOk("/events", r, COMPONENT_SCHEMAS.EventList);
        events.push(...page.data);
        if (page.next === after || !page.data.length) return { events, next: page.next };
        after = page.next;
      }
    }

    it("returns the directories' events in feed order, with a next cursor that a poller keeps", async () => {
      const { events, next } = await readAll(keys.all);
      const types = events.filter((e) => e.directoryId === a.directoryId).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(["user.created", "group.created", "group.member_added"]));
      expect(events.some((e) => e.directoryId === b.directoryId)).toBe(true);
      // Nothing new: the same cursor comes back and no events.
      const idle = expectOk("/events", await get(`/events?after=${next}`), COMPONENT_SCHEMAS.EventList);
      expect(idle).toEqual({ data: [], next });
      // One change later, exactly that change.
      await h.scim("PATCH", `/Users/${a.userIds[1]}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "displayName", value: "Grace H." }] });
      const fresh = expectOk("/events", await get(`/events?after=${next}`), COMPONENT_SCHEMAS.EventList);
      expect(fresh.data.map((e) => [e.type, e.directoryId])).toEqual([["user.updated", a.directoryId]]);
      expect(fresh.next).not.toBe(next);
    });

    it("filters by directory and type, and never shows a restricted key another directory's events", async () => {
      const onlyA = await readAll(keys.onlyA);
      expect(onlyA.events.length).toBeGreaterThan(0);
      expect(onlyA.events.every((e) => e.directoryId === a.directoryId)).toBe(true);
      expect(JSON.stringify(onlyA.events)).not.toContain("bob@b.example");
      const onlyB = await readAll(keys.all, `&directoryId=${b.directoryId}`);
      expect(onlyB.events.length).toBeGreaterThan(0);
      expect(onlyB.events.every((e) => e.directoryId === b.directoryId)).toBe(true);
      const created = await readAll(keys.all, "&types=user.created,group.created");
      expect(new Set(created.events.map((e) => e.type))).toEqual(new Set(["user.created", "group.created"]));
      expectError("/events", await get("/events?after=bm90LWEtY3Vyc29y"), 400, "invalid_request");
    });
    it("logs a poll that finds nothing new once a minute per key, and every poll with events or a failure", async () => {
      const poller = await createApiKey({ name: "poller", actor: TEST_ACTOR });
      const rows = async () =>
        (await h.database.current.db.prisma.activityLog.findMany({ where: { path: "/api/v1/events", clientId: poller.apiKey.id }, orderBy: { createdAt: "asc" }, select: { status: true, query: true } })).map(
          (r) => [r.status, r.query.includes("after=") ? "after" : "start"],
        );
      const { next } = await readAll(poller.key);
      const before = (await rows()).length;
      expect(before).toBeGreaterThan(0);
      for (let i = 0; i < 5; i++) expectOk("/events", await get(`/events?after=${next}`, poller.key), COMPONENT_SCHEMAS.EventList);
      // readAll's last page was itself a poll with nothing new: the five after it within the minute get no row.
      expect((await rows()).length).toBe(before);
      await h.scim("PATCH", `/Users/${a.userIds[2]}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "displayName", value: "Linus T." }] });
      expect(expectOk("/events", await get(`/events?after=${next}`, poller.key), COMPONENT_SCHEMAS.EventList).data).toHaveLength(1);
      expectError("/events", await get("/events?after=bm90LWEtY3Vyc29y", poller.key), 400, "invalid_request");
      expectError("/events", await get("/events?after=bm90LWEtY3Vyc29y", poller.key), 400, "invalid_request");
      expect((await rows()).slice(before).sort()).toEqual([
        [200, "after"],
        [400, "after"],
        [400, "after"],
      ]);
    });
  });

  describe("rate limit", () => {
    it("answers 429 with Retry-After once a key passes its limit", async () => {
      const { key } = await createApiKey({ name: "busy", actor: TEST_ACTOR });
      setTestEnv({ ROSTER_API_RATE_LIMIT: "3" });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push((await get("/directories", key)).status);
        expect(statuses).toEqual([200, 200, 200, 429, 429]);
        const r = await get("/directories", key);
        expectError("/directories", r, 429, "rate_limited");
        expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
        // Another key is not affected.
        expect((await get("/directories", (await createApiKey({ name: "calm", actor: TEST_ACTOR })).key)).status).toBe(200);
      } finally {
        restoreTestEnv();
      }
    });
  });

  describe("events feed retention", () => {
    it("answers 410, saying to resynchronise through the Directory API, for a cursor older than retention", async () => {
      const first = expectOk("/events", await get("/events?limit=1"), COMPONENT_SCHEMAS.EventList);
      expect(first.data).toHaveLength(1);
      await pruneEvents({ sql: h.database.current.db.sql, now: new Date(Date.now() + 400 * 86_400_000), retentionDays: 30, maxBatches: 1000 });
      const r = await get(`/events?after=${first.next}`);
      expectError("/events", r, 410, "gone");
      expect(r.body.error.message).toMatch(/resynchronise through the Directory API/);
      // Starting again without a cursor works.
      expect((await get("/events")).status).toBe(200);
    });
  });
});

/** The OpenAPI path template a concrete path belongs to. */
function templateOf(path: string): string {
  const parts = path.split("?")[0].split("/").filter(Boolean);
  const names: Record<string, string> = { directories: "{directoryId}", groups: "{groupId}", users: "{userId}" };
  // Every other segment is an id, named after the collection before it.
  return "/" + parts.map((part, i) => (i % 2 === 1 ? names[parts[i - 1]] : part)).join("/");
}
