// POST /api/oauth/token (RFC 6749 §4.4 client credentials, §2.3.1 client authentication, §5.1/§5.2
// answers) and bearer authentication (RFC 6750), over real HTTP, on SQLite and PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, setDbForTests, type Database } from "@/lib/db/client";
import { createApiClient } from "@/lib/admin/api-clients/create-api-client";
import { createDirectory } from "@/lib/admin/directories/create-directory";
import { deleteDirectory } from "@/lib/admin/directories/delete-directory";
import { revokeApiClient } from "@/lib/admin/api-clients/revoke-api-client";
import { updateDirectory } from "@/lib/admin/directories/update-directory";
import { authenticateBearer, BearerAuthError } from "@/lib/oauth/authenticate-bearer";
import { runJob } from "@/lib/jobs/run-job";
import { expiredTokensJob } from "@/lib/oauth/expired-tokens-job";
import { handleTokenRequest } from "@/lib/oauth/handle-token-request";
import { handleScimRequest } from "@/lib/scim-server/handle-scim-request";
import { nthUser, entraUser } from "@/lib/scim/test-support/fixtures";
import { hitRateLimit, peekRateLimit } from "@/lib/rate-limit/rate-limit";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { startTestServer } from "../support/http-server";
import { restoreTestEnv, setTestEnv } from "../support/settings";
import { TEST_ACTOR } from "../support/audit";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const GRANT = { grant_type: "client_credentials" };
const AUTH_FAILED = { error: "invalid_client", error_description: "Client authentication failed" };
const BASIC_CHALLENGE = 'Basic realm="roster", charset="UTF-8"';

/** What the SCIM wrapper will do with authenticateBearer, reduced to "who am I". */
async function whoAmI(request: Request): Promise<Response> {
  try {
    const { confirmed, ...caller } = await authenticateBearer(request);
    await confirmed;
    return Response.json(caller);
  } catch (e) {
    if (e instanceof BearerAuthError) return Response.json({ detail: e.detail }, { status: e.status, headers: { "WWW-Authenticate": e.wwwAuthenticate } });
    throw e;
  }
}

/** §2.3.1: id and secret form-urlencoded, then Basic-encoded. */
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;


describe.each(DATABASE_KINDS)("OAuth token endpoint and bearer authentication on %s", (kind) => {
  const database = useTestDatabase(kind);
  let url = "";
  let close: () => Promise<void>;
  let addressCounter = 0;
  /** Every secret and token handed out or tried, to prove none reaches the activity log. */
  const sensitive = new Set<string>();

  beforeAll(async () => {
    const server = await startTestServer({ "/api/oauth/token": (r) => handleTokenRequest(r), "/api/scim/v2": (r) => handleScimRequest(r), "/whoami": whoAmI });
    url = server.url;
    close = server.close;
  });
  afterAll(() => close());
  afterEach(() => {
    restoreTestEnv();
    setDbForTests(database.current.db);
  });

  async function pair(name = "Contoso", active = true) {
    const directory = await createDirectory({ name, active, actor: TEST_ACTOR });
    const { apiClient, clientSecret } = await createApiClient({ directoryId: directory.id, actor: TEST_ACTOR });
    sensitive.add(clientSecret);
    return { directory, apiClient, clientId: apiClient.clientId, clientSecret };
  }

  // Each request speaks from its own address unless told otherwise, so the per-address failure limit
  // of one test never leaks into another.
  function nextAddress() {
    addressCounter++;
    return `10.${kind === "sqlite" ? 1 : 2}.${Math.floor(addressCounter / 250)}.${addressCounter % 250}`;
  }

  function post(body: Record<string, string> | string | undefined, headers: Record<string, string> = {}) {
    return fetch(`${url}/api/oauth/token`, {
      method: "POST",
      headers: { ...FORM, "x-forwarded-for": nextAddress(), "user-agent": "Entra-Replay/1.0", ...headers },
      body: typeof body === "string" || body === undefined ? body : new URLSearchParams(body),
    });
  }

  async function tokenFor(clientId: string, clientSecret: string): Promise<string> {
    const res = await post({ ...GRANT, client_id: clientId, client_secret: clientSecret });
    const json = await res.json();
    expect(res.status, JSON.stringify(json)).toBe(200);
    sensitive.add(json.access_token);
    return json.access_token;
  }

  const WRONG_SECRET = "rs_not-the-secret";
  sensitive.add(WRONG_SECRET);
  const wrong = (clientId: string) => ({ ...GRANT, client_id: clientId, client_secret: WRONG_SECRET });

  const whoami = (authorization?: string) => fetch(`${url}/whoami`, { headers: authorization ? { authorization } : {} });

  function expectTokenHeaders(res: Response) {
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("pragma")).toBe("no-cache");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  }

  describe("issuing tokens (§4.4.3, §5.1)", () => {
    it("issues a bearer token for client_id/client_secret in the form body, exactly as Entra ID sends it", async () => {
      const { clientId, clientSecret, directory } = await pair();
      const before = Date.now();
      const res = await post(`grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`);
      expect(res.status).toBe(200);
      expectTokenHeaders(res);
      const body = await res.json();
      sensitive.add(body.access_token);
      expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "scope", "token_type"]);
      expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "scim" });
      expect(body.access_token).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);

      const me = await whoami(`Bearer ${body.access_token}`);
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({ directoryId: directory.id, apiClientId: expect.any(String), clientId });

      // Only the SHA-256 of the token is stored, with its expiry; the client's lastUsedAt moves.
      const stored = await database.current.db.prisma.accessToken.findMany({ where: { directoryId: directory.id } });
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(body.access_token);
      expect(stored[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0].expiresAt.getTime()).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
      expect(stored[0].expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3600_000 + 1000);
      const client = await database.current.db.prisma.apiClient.findUnique({ where: { clientId } });
      expect(client?.lastUsedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    });

    it("issues a token with HTTP Basic client authentication (form-urlencoded id and secret, any scheme case)", async () => {
      const { clientId, clientSecret } = await pair();
      for (const scheme of ["Basic", "basic", "BASIC"]) {
        const authorization = basic(clientId, clientSecret).replace(/^Basic/, scheme);
        const res = await post(GRANT, { authorization });
        expect(res.status).toBe(200);
        expectTokenHeaders(res);
        sensitive.add((await res.json()).access_token);
      }
      // Some libraries repeat the client_id in the body beside Basic: the same client, so accepted.
      const withId = await post({ ...GRANT, client_id: clientId }, { authorization: basic(clientId, clientSecret) });
      expect(withId.status).toBe(200);
      sensitive.add((await withId.json()).access_token);
    });

    it("accepts a charset parameter on the content type", async () => {
      const { clientId, clientSecret } = await pair();
      const res = await post({ ...GRANT, client_id: clientId, client_secret: clientSecret }, { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" });
      expect(res.status).toBe(200);
      sensitive.add((await res.json()).access_token);
    });

    it.each([
      ["absent", undefined],
      ["empty (treated as omitted, §3.2)", ""],
      ["scim", "scim"],
      ["scim, repeated inside the list", "scim scim"],
    ])("accepts scope %s and answers scope=scim", async (_label, scope) => {
      const { clientId, clientSecret } = await pair();
      const res = await post({ ...GRANT, client_id: clientId, client_secret: clientSecret, ...(scope === undefined ? {} : { scope }) });
      expect(res.status).toBe(200);
      const body = await res.json();
      sensitive.add(body.access_token);
      expect(body.scope).toBe("scim");
    });

    it.each(["admin", "scim openid", "SCIM"])("refuses scope %j with 400 invalid_scope", async (scope) => {
      const { clientId, clientSecret } = await pair();
      const res = await post({ ...GRANT, client_id: clientId, client_secret: clientSecret, scope });
      expect(res.status).toBe(400);
      expectTokenHeaders(res);
      expect(await res.json()).toEqual({ error: "invalid_scope", error_description: expect.any(String) });
    });

    it.each([
      ["7200", 7200],
      ["21600", 21600],
      ["10", 300],
      ["9999999", 86_400],
      ["", 3600],
    ])("takes expires_in from ROSTER_TOKEN_TTL_SECONDS=%j (→ %i, clamped to 300–86400)", async (value, expected) => {
      const { clientId, clientSecret, directory } = await pair();
      setTestEnv({ ROSTER_TOKEN_TTL_SECONDS: value });
      const res = await post({ ...GRANT, client_id: clientId, client_secret: clientSecret });
      const body = await res.json();
      sensitive.add(body.access_token);
      expect(body.expires_in).toBe(expected);
      const [stored] = await database.current.db.prisma.accessToken.findMany({ where: { directoryId: directory.id } });
      expect(Math.abs(stored.expiresAt.getTime() - Date.now() - expected * 1000)).toBeLessThan(5000);
    });

    it("issues a fresh token on every request, each valid on its own", async () => {
      const { clientId, clientSecret, directory } = await pair();
      const tokens = [await tokenFor(clientId, clientSecret), await tokenFor(clientId, clientSecret)];
      expect(tokens[0]).not.toBe(tokens[1]);
      for (const t of tokens) expect((await whoami(`Bearer ${t}`)).status).toBe(200);
      expect(await database.current.db.prisma.accessToken.count({ where: { directoryId: directory.id } })).toBe(2);
    });

    it("deletes expired tokens in the expired-tokens background job", async () => {
      const { clientId, clientSecret, directory, apiClient } = await pair();
      await database.current.db.prisma.accessToken.createMany({
        data: Array.from({ length: 5 }, (_, i) => ({ tokenHash: `expired-${kind}-${i}`, clientId: apiClient.id, directoryId: directory.id, expiresAt: new Date(Date.now() - 60_000) })),
      });
      await tokenFor(clientId, clientSecret);
      expect(await runJob(expiredTokensJob, { holder: "test", force: true })).toMatchObject({ ran: true, more: false });
      expect(await database.current.db.prisma.accessToken.count({ where: { expiresAt: { lt: new Date() } } })).toBe(0);
      expect(await database.current.db.prisma.accessToken.count({ where: { directoryId: directory.id } })).toBe(1);
    });
  });

  describe("malformed requests (§5.2): 400, never a 500", () => {
    it.each([
      ["HTTP Basic and body credentials at once", "invalid_request", true, { ...GRANT, client_secret: "x" }],
      ["HTTP Basic and a body client_id/client_secret pair", "invalid_request", true, { ...GRANT, client_id: "CLIENT", client_secret: "SECRET" }],
      ["HTTP Basic and a different body client_id", "invalid_request", true, { ...GRANT, client_id: "roster_someoneelse" }],
      ["no client authentication at all", "invalid_request", false, { ...GRANT }],
      ["client_id without client_secret", "invalid_request", false, { ...GRANT, client_id: "CLIENT" }],
      ["client_secret without client_id", "invalid_request", false, { ...GRANT, client_secret: "SECRET" }],
      ["an empty client_secret (treated as omitted)", "invalid_request", false, { ...GRANT, client_id: "CLIENT", client_secret: "" }],
      ["a missing grant_type", "invalid_request", false, { client_id: "CLIENT", client_secret: "SECRET" }],
      ["an empty grant_type", "invalid_request", false, { grant_type: "", client_id: "CLIENT", client_secret: "SECRET" }],
      ["grant_type=password", "unsupported_grant_type", false, { grant_type: "password", client_id: "CLIENT", client_secret: "SECRET", username: "u", password: "p" }],
      ["grant_type=authorization_code", "unsupported_grant_type", false, { grant_type: "authorization_code", client_id: "CLIENT", client_secret: "SECRET", code: "c" }],
      ["grant_type=refresh_token", "unsupported_grant_type", false, { grant_type: "refresh_token", client_id: "CLIENT", client_secret: "SECRET", refresh_token: "r" }],
    ])("answers %s with 400 %s", async (_label, error, useBasic, body) => {
      const { clientId, clientSecret } = await pair();
      const filled = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v === "CLIENT" ? clientId : v === "SECRET" ? clientSecret : v]));
      const res = await post(filled, useBasic ? { authorization: basic(clientId, clientSecret) } : {});
      expect(res.status).toBe(400);
      expectTokenHeaders(res);
      expect(await res.json()).toEqual({ error, error_description: expect.any(String) });
    });

    it.each([
      ["a JSON body", JSON.stringify({ grant_type: "client_credentials", client_id: "a", client_secret: "b" }), { "content-type": "application/json" }],
      ["no content type", "grant_type=client_credentials&client_id=a&client_secret=b", { "content-type": "" }],
      ["text/plain", "grant_type=client_credentials&client_id=a&client_secret=b", { "content-type": "text/plain" }],
      ["multipart/form-data", "--x\r\n\r\n", { "content-type": "multipart/form-data; boundary=x" }],
      ["a repeated parameter (§3.2)", "grant_type=client_credentials&grant_type=client_credentials&client_id=a&client_secret=b", {}],
      ["a repeated client_secret", "grant_type=client_credentials&client_id=a&client_secret=b&client_secret=c", {}],
      ["a body over 16 KiB", `grant_type=client_credentials&client_id=${"a".repeat(20_000)}&client_secret=b`, {}],
      ["a body that is not UTF-8", Buffer.from([0x67, 0x3d, 0xff, 0xfe]), {}],
      ["an empty body", "", {}],
      ["a Bearer Authorization header", "grant_type=client_credentials", { authorization: "Bearer abc" }],
      ["Basic credentials that are not base64", "grant_type=client_credentials", { authorization: "Basic %%%not-base64%%%" }],
      ["Basic credentials without a colon", "grant_type=client_credentials", { authorization: `Basic ${Buffer.from("justanid").toString("base64")}` }],
      ["Basic credentials without a client id", "grant_type=client_credentials", { authorization: `Basic ${Buffer.from(":secret").toString("base64")}` }],
      ["an empty Basic credential", "grant_type=client_credentials", { authorization: "Basic" }],
    ])("answers %s with 400 invalid_request", async (_label, body, headers) => {
      const init: RequestInit = { method: "POST", headers: { ...FORM, "x-forwarded-for": nextAddress(), ...headers }, body: body as BodyInit };
      if ((headers as Record<string, string>)["content-type"] === "") (init.headers as Record<string, string>)["content-type"] = "application/octet-stream";
      const res = await fetch(`${url}/api/oauth/token`, init);
      expect(res.status).toBe(400);
      expectTokenHeaders(res);
      expect(await res.json()).toEqual({ error: "invalid_request", error_description: expect.any(String) });
    });

    it("cuts off an oversized streamed body without reading it all", async () => {
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          // Up to 1 MiB, in 8 KiB chunks, unless the server stops reading first.
          if (sent >= 1024 * 1024) return controller.close();
          sent += 8192;
          controller.enqueue(new Uint8Array(8192).fill(0x61));
        },
      });
      const res = await fetch(`${url}/api/oauth/token`, { method: "POST", headers: FORM, body: stream, duplex: "half" } as RequestInit);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toBe("invalid_request");
    });

    it.each(["GET", "PUT", "PATCH", "DELETE"])("answers %s with 405, Allow: POST and an RFC 6749 error body", async (method) => {
      const res = await fetch(`${url}/api/oauth/token`, { method, ...(method === "GET" ? {} : { headers: FORM, body: "grant_type=client_credentials" }) });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
      expectTokenHeaders(res);
      expect(await res.json()).toEqual({ error: "invalid_request", error_description: expect.any(String) });
    });

    it("exports every method from the route file (all answered by handleTokenRequest)", async () => {
      const route = await import("@/app/api/oauth/token/route");
      for (const m of ["POST", "GET", "PUT", "PATCH", "DELETE"] as const) expect(typeof route[m]).toBe("function");
    });
  });

  describe("client authentication failures (§5.2 invalid_client)", () => {
    it("answers unknown client, wrong secret, revoked client, inactive and deleted directory identically: 401, one message", async () => {
      const good = await pair("Good");
      const revoked = await pair("Revoked");
      await revokeApiClient({ directoryId: revoked.directory.id, apiClientId: revoked.apiClient.id, actor: TEST_ACTOR });
      const inactive = await pair("Inactive", false);
      const deleted = await pair("Deleted");
      await deleteDirectory({ directoryId: deleted.directory.id, actor: TEST_ACTOR });
      const attempts: [string, string, string][] = [
        ["unknown client", "roster_AAAAAAAAAAAAAAAAAAAAAA", good.clientSecret],
        ["wrong secret", good.clientId, "rs_wrongwrongwrongwrongwrongwrongwrongwrongwro"],
        ["secret of another client", good.clientId, revoked.clientSecret],
        ["revoked client", revoked.clientId, revoked.clientSecret],
        ["inactive directory", inactive.clientId, inactive.clientSecret],
        ["deleted directory", deleted.clientId, deleted.clientSecret],
      ];
      for (const [label, id, secret] of attempts) {
        sensitive.add(secret);
        const viaBody = await post({ ...GRANT, client_id: id, client_secret: secret });
        expect(viaBody.status, label).toBe(401);
        expectTokenHeaders(viaBody);
        expect(viaBody.headers.get("www-authenticate"), label).toBeNull();
        expect(await viaBody.json(), label).toEqual(AUTH_FAILED);

        const viaBasic = await post(GRANT, { authorization: basic(id, secret) });
        expect(viaBasic.status, label).toBe(401);
        expect(viaBasic.headers.get("www-authenticate"), label).toBe(BASIC_CHALLENGE);
        expect(await viaBasic.json(), label).toEqual(AUTH_FAILED);
      }
      // The good pair still works: failures of others never block it.
      await tokenFor(good.clientId, good.clientSecret);
    });

    it("gives no token to a client revoked, or whose directory is deactivated or deleted, between its lookup and the insert", async () => {
      const cases: [string, (p: Awaited<ReturnType<typeof pair>>) => Promise<unknown>][] = [
        ["revoked", (p) => database.current.db.prisma.apiClient.update({ where: { id: p.apiClient.id }, data: { revokedAt: new Date() } })],
        ["deactivated", (p) => updateDirectory({ directoryId: p.directory.id, active: false, actor: TEST_ACTOR })],
        ["deleted", (p) => deleteDirectory({ directoryId: p.directory.id, actor: TEST_ACTOR })],
      ];
      for (const [label, meanwhile] of cases) {
        const p = await pair(`Meanwhile ${label}`);
        const real = database.current.db;
        let struck = false;
        // The process database, except that right after the client lookup the change happens.
        const racing: Database = {
          kind: real.kind,
          prisma: real.prisma,
          sql: {
            kind: real.sql.kind,
            async query(text, params) {
              const rows = await real.sql.query(text, params);
              if (!struck && /FROM "ApiClient" c\s+JOIN "Directory"/.test(text) && text.trimStart().startsWith("SELECT")) {
                struck = true;
                await meanwhile(p);
              }
              return rows as never;
            },
            execute: (text, params) => real.sql.execute(text, params),
            transaction: (work) => real.sql.transaction(work),
          },
        };
        setDbForTests(racing);
        const res = await post({ ...GRANT, client_id: p.clientId, client_secret: p.clientSecret });
        setDbForTests(real);
        expect(struck, label).toBe(true);
        expect(res.status, label).toBe(401);
        expect(await res.json(), label).toEqual(AUTH_FAILED);
        expect(await real.prisma.accessToken.count({ where: { clientId: p.apiClient.id } }), label).toBe(0);
      }
    });

    it("answers an unexpected failure with 500 server_error and no internals", async () => {
      const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
      const broken = new Proxy({}, {
        get() {
          throw new Error("internal detail: relation RateLimitBucket");
        },
      }) as Database;
      setDbForTests(broken);
      const res = await post({ ...GRANT, client_id: "roster_x", client_secret: "rs_x" });
      setDbForTests(database.current.db);
      expect(res.status).toBe(500);
      expectTokenHeaders(res);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: "server_error", error_description: expect.stringMatching(/request id/) });
      expect(text).not.toContain("internal detail");
      expect(JSON.stringify(spy.mock.calls)).not.toContain("rs_x");
      spy.mockRestore();
    });

    it("answers 503 temporarily_unavailable with Retry-After when the database cannot be reached", async () => {
      const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
      const down = new Proxy({}, {
        get() {
          throw Object.assign(new Error("Can't reach database server"), { code: "P1001" });
        },
      }) as Database;
      setDbForTests(down);
      const res = await post({ ...GRANT, client_id: "roster_x", client_secret: "rs_x" });
      setDbForTests(database.current.db);
      spy.mockRestore();
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await res.json()).error).toBe("temporarily_unavailable");
    });
  });

  describe("bearer authentication (RFC 6750)", () => {
    it("tells each token's directory apart", async () => {
      const a = await pair("A");
      const b = await pair("B");
      const tokenA = await tokenFor(a.clientId, a.clientSecret);
      const tokenB = await tokenFor(b.clientId, b.clientSecret);
      expect(await (await whoami(`Bearer ${tokenA}`)).json()).toEqual({ directoryId: a.directory.id, apiClientId: a.apiClient.id, clientId: a.clientId });
      expect(await (await whoami(`Bearer ${tokenB}`)).json()).toEqual({ directoryId: b.directory.id, apiClientId: b.apiClient.id, clientId: b.clientId });
    });

    it("accepts the scheme name in any case", async () => {
      const { clientId, clientSecret } = await pair();
      const t = await tokenFor(clientId, clientSecret);
      for (const scheme of ["Bearer", "bearer", "BEARER"]) expect((await whoami(`${scheme} ${t}`)).status).toBe(200);
    });

    it.each([
      ["no Authorization header", undefined],
      ["another scheme", "Basic dXNlcjpwYXNz"],
      ["the scheme without a token", "Bearer"],
      ["the scheme and blanks", "Bearer    "],
      ["two tokens", "Bearer abc def"],
      ["characters outside b64token", "Bearer abc\"def"],
    ])("answers %s with 401 and a bare Bearer challenge", async (_label, authorization) => {
      const res = await whoami(authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="roster"');
      expect((await res.json()).detail).toEqual(expect.any(String));
    });

    it("answers an unknown token with 401 error=invalid_token", async () => {
      const res = await whoami("Bearer rt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="roster", error="invalid_token", error_description="[^"]+"$/);
    });

    it("answers an expired token with 401 invalid_token", async () => {
      const { clientId, clientSecret, directory } = await pair();
      const t = await tokenFor(clientId, clientSecret);
      await database.current.db.prisma.accessToken.updateMany({ where: { directoryId: directory.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const res = await whoami(`Bearer ${t}`);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    });

    it("stops a token working at once when its client is revoked, and the client can get no new one", async () => {
      const { directory, apiClient, clientId, clientSecret } = await pair();
      const other = await createApiClient({ directoryId: directory.id, actor: TEST_ACTOR });
      sensitive.add(other.clientSecret);
      const t = await tokenFor(clientId, clientSecret);
      const otherToken = await tokenFor(other.apiClient.clientId, other.clientSecret);
      expect((await whoami(`Bearer ${t}`)).status).toBe(200);
      await revokeApiClient({ directoryId: directory.id, apiClientId: apiClient.id, actor: TEST_ACTOR });
      const after = await whoami(`Bearer ${t}`);
      expect(after.status).toBe(401);
      expect(after.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect((await post({ ...GRANT, client_id: clientId, client_secret: clientSecret })).status).toBe(401);
      // The directory's other client is untouched.
      expect((await whoami(`Bearer ${otherToken}`)).status).toBe(200);
    });

    it("rejects a token whose client is marked revoked even if the token row survived", async () => {
      const { clientId, clientSecret, apiClient } = await pair();
      const t = await tokenFor(clientId, clientSecret);
      await database.current.db.prisma.apiClient.update({ where: { id: apiClient.id }, data: { revokedAt: new Date() } });
      const res = await whoami(`Bearer ${t}`);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    });

    it("stops a token working when its directory is deactivated, again when reactivated, and for good when deleted", async () => {
      const { directory, clientId, clientSecret } = await pair();
      const t1 = await tokenFor(clientId, clientSecret);
      await updateDirectory({ directoryId: directory.id, active: false, actor: TEST_ACTOR });
      const inactive = await whoami(`Bearer ${t1}`);
      expect(inactive.status).toBe(401);
      expect(inactive.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect((await post({ ...GRANT, client_id: clientId, client_secret: clientSecret })).status).toBe(401);
      await updateDirectory({ directoryId: directory.id, active: true, actor: TEST_ACTOR });
      expect((await whoami(`Bearer ${t1}`)).status).toBe(200);
      const t2 = await tokenFor(clientId, clientSecret);
      await deleteDirectory({ directoryId: directory.id, actor: TEST_ACTOR });
      for (const t of [t1, t2]) expect((await whoami(`Bearer ${t}`)).status).toBe(401);
      expect(await database.current.db.prisma.accessToken.count({ where: { directoryId: directory.id } })).toBe(0);
    });
  });

  describe("revocation across two instances (two connection pools on one database)", () => {
    const scim = (token: string, method: string, path: string, body?: unknown) =>
      fetch(`${url}/api/scim/v2${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" }, body: body === undefined ? undefined : JSON.stringify(body) });

    // Instance B has just served the token (on PostgreSQL it now remembers it); the change is made
    // through instance A; B's very next request, a read and a write, is refused and writes nothing.
    it.each<[string, (p: Awaited<ReturnType<typeof pair>>) => Promise<unknown>]>([
      ["the client is revoked", (p) => revokeApiClient({ directoryId: p.directory.id, apiClientId: p.apiClient.id, actor: TEST_ACTOR })],
      ["the client is marked revoked (its token row survived)", (p) => database.current.db.prisma.apiClient.update({ where: { id: p.apiClient.id }, data: { revokedAt: new Date() } })],
      ["the directory is deactivated", (p) => updateDirectory({ directoryId: p.directory.id, active: false, actor: TEST_ACTOR })],
      ["the directory is deleted", (p) => deleteDirectory({ directoryId: p.directory.id, actor: TEST_ACTOR })],
      ["the token expires", (p) => database.current.db.prisma.accessToken.updateMany({ where: { directoryId: p.directory.id }, data: { expiresAt: new Date(Date.now() - 1000) } })],
    ])("refuses the next request on the other instance when %s", async (_label, change) => {
      const p = await pair();
      const token = await tokenFor(p.clientId, p.clientSecret);
      const a = database.current.db;
      const b = createDb(database.current.config);
      try {
        setDbForTests(b);
        for (let i = 0; i < 2; i++) expect((await scim(token, "GET", "/Users")).status).toBe(200);
        expect((await scim(token, "POST", "/Users", entraUser(nthUser(`before-${kind}`, 0).userName))).status).toBe(201);
        setDbForTests(a);
        await change(p);
        setDbForTests(b);
        const write = await scim(token, "POST", "/Users", entraUser(nthUser(`after-${kind}`, 0).userName));
        expect(write.status).toBe(401);
        expect(write.headers.get("www-authenticate")).toContain('error="invalid_token"');
        expect((await scim(token, "GET", "/Users")).status).toBe(401);
        const written = await a.prisma.scimUser.findMany({ where: { directoryId: p.directory.id }, select: { userName: true } });
        expect(written.map((u) => u.userName)).not.toContain(nthUser(`after-${kind}`, 0).userName);
      } finally {
        setDbForTests(a);
        await b.prisma.$disconnect();
      }
    });
  });

  describe("failed-authentication limits, held in the database", () => {
    it("after 10 failures for one client id (from 10 addresses) answers 429 + Retry-After, even to the right secret", async () => {
      const { clientId, clientSecret } = await pair();
      for (let i = 0; i < 10; i++) expect((await post(wrong(clientId))).status).toBe(401);
      const blocked = await post({ ...GRANT, client_id: clientId, client_secret: clientSecret });
      expect(blocked.status).toBe(429);
      expectTokenHeaders(blocked);
      const retryAfter = Number(blocked.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(300);
      expect(await blocked.json()).toEqual({ error: "invalid_client", error_description: "Too many failed attempts; retry later" });
      // Another client is not affected.
      const other = await pair();
      await tokenFor(other.clientId, other.clientSecret);
    });

    it("holds across two instances (two Prisma clients on one database)", async () => {
      const { clientId, clientSecret } = await pair();
      const second = createDb(database.current.config);
      const first = database.current.db;
      try {
        // Failures alternate between the two "instances"; each sees the other's.
        for (let i = 0; i < 10; i++) {
          setDbForTests(i % 2 ? second : first);
          expect((await post(wrong(clientId))).status).toBe(401);
        }
        setDbForTests(second);
        expect((await post({ ...GRANT, client_id: clientId, client_secret: clientSecret })).status).toBe(429);
        setDbForTests(first);
        expect((await post({ ...GRANT, client_id: clientId, client_secret: clientSecret })).status).toBe(429);
      } finally {
        setDbForTests(first);
        await second.prisma.$disconnect();
      }
    });

    it("limits failures per address (first X-Forwarded-For hop), whatever the client id", async () => {
      const { clientId, clientSecret } = await pair();
      const from = { "x-forwarded-for": `203.0.113.${kind === "sqlite" ? 7 : 8}, 10.0.0.1` };
      for (let i = 0; i < 10; i++) expect((await post(wrong(`roster_guess${i}`), from)).status).toBe(401);
      expect((await post({ ...GRANT, client_id: clientId, client_secret: clientSecret }, from)).status).toBe(429);
      // The same client from elsewhere is fine.
      await tokenFor(clientId, clientSecret);
    });

    it("uses X-Real-IP when there is no X-Forwarded-For", async () => {
      const from = { "x-forwarded-for": "", "x-real-ip": `198.51.100.${kind === "sqlite" ? 7 : 8}` };
      for (let i = 0; i < 10; i++) expect((await post(wrong(`roster_realip${i}`), from)).status).toBe(401);
      expect((await post(wrong("roster_realip-next"), from)).status).toBe(429);
    });

    it("does not count successful authentications", async () => {
      const { clientId, clientSecret } = await pair();
      for (let i = 0; i < 15; i++) await tokenFor(clientId, clientSecret);
      for (let i = 0; i < 9; i++) expect((await post(wrong(clientId))).status).toBe(401);
      await tokenFor(clientId, clientSecret);
    });

    it("honours ROSTER_TOKEN_MAX_FAILURES and ROSTER_TOKEN_FAILURE_WINDOW_SECONDS", async () => {
      setTestEnv({ ROSTER_TOKEN_MAX_FAILURES: "2", ROSTER_TOKEN_FAILURE_WINDOW_SECONDS: "1" });
      const { clientId, clientSecret } = await pair();
      expect((await post(wrong(clientId))).status).toBe(401);
      expect((await post(wrong(clientId))).status).toBe(401);
      const blocked = await post({ ...GRANT, client_id: clientId, client_secret: clientSecret });
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get("retry-after")).toBe("1");
      await new Promise((r) => setTimeout(r, 1100));
      await tokenFor(clientId, clientSecret);
    });

    it("counts concurrent hits exactly (race-safe upsert)", async () => {
      const rule = { key: `test:concurrent:${kind}`, limit: 10, windowSeconds: 60 };
      const results = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit(rule)));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
      expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      const peek = await peekRateLimit(rule);
      expect(peek).toMatchObject({ count: 25, allowed: false });
      expect(peek.retryAfterSeconds).toBeGreaterThan(0);
      expect(peek.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(await peekRateLimit({ ...rule, key: "test:untouched" })).toMatchObject({ count: 0, allowed: true });
    });
  });

  describe("activity log", () => {
    it("writes one redacted row for a success and for each kind of failure", async () => {
      const { clientId, clientSecret, directory } = await pair("Logged");
      const started = new Date(Date.now() - 1000);
      const ok = await (await post({ ...GRANT, client_id: clientId, client_secret: clientSecret })).json();
      sensitive.add(ok.access_token);
      await post({ ...GRANT, client_id: clientId, client_secret: "rs_wrong-secret-value-for-the-log" });
      sensitive.add("rs_wrong-secret-value-for-the-log");
      await post(GRANT, { authorization: basic(clientId, "basic-wrong-secret-for-the-log") });
      sensitive.add("basic-wrong-secret-for-the-log");
      sensitive.add(basic(clientId, "basic-wrong-secret-for-the-log").slice(6));

      const rows = await database.current.db.prisma.activityLog.findMany({ where: { directoryId: directory.id, kind: "token" }, orderBy: { createdAt: "asc" } });
      expect(rows.map((r) => [r.operation, r.status])).toEqual([
        ["token.issue", 200],
        ["token.denied", 401],
        ["token.denied", 401],
      ]);
      const [success, wrongBody] = rows;
      expect(success).toMatchObject({ kind: "token", method: "POST", path: "/api/oauth/token", query: "", clientId, userAgent: "Entra-Replay/1.0", errorDetail: null });
      expect(success.ip).toMatch(/^10\.\d+\.\d+\.\d+$/);
      expect(success.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(success.durationMs).toBeGreaterThanOrEqual(0);
      expect(success.requestBody).toContain(`client_id=${clientId}`);
      expect(success.requestBody).toContain("client_secret=[redacted]");
      expect(JSON.parse(success.responseBody!)).toEqual({ access_token: "[redacted]", token_type: "Bearer", expires_in: 3600, scope: "scim" });
      expect(wrongBody.errorDetail).toBe("wrong client secret");
      expect(JSON.parse(wrongBody.responseBody!)).toEqual(AUTH_FAILED);
      const dir = await database.current.db.prisma.directory.findUnique({ where: { id: directory.id } });
      expect(dir?.lastActivityAt?.getTime()).toBeGreaterThanOrEqual(started.getTime());
    });

    it("logs requests it cannot tie to a directory: unknown client, malformed request, wrong method, rate limited", async () => {
      const address = `192.0.2.${kind === "sqlite" ? 1 : 2}`;
      await post({ ...GRANT, client_id: "roster_unknown-for-log", client_secret: "rs_unknown-client-secret-for-log" }, { "x-forwarded-for": address });
      sensitive.add("rs_unknown-client-secret-for-log");
      await post(JSON.stringify({ grant_type: "client_credentials" }), { "content-type": "application/json", "x-forwarded-for": address });
      await fetch(`${url}/api/oauth/token?client_secret=rs_query-string-secret`, { headers: { "x-forwarded-for": address } });
      sensitive.add("rs_query-string-secret");
      const rows = await database.current.db.prisma.activityLog.findMany({ where: { ip: address }, orderBy: { createdAt: "asc" } });
      expect(rows.map((r) => [r.operation, r.status, r.directoryId])).toEqual([
        ["token.denied", 401, null],
        ["token.denied", 400, null],
        ["token.denied", 405, null],
      ]);
      expect(rows[0]).toMatchObject({ clientId: "roster_unknown-for-log", errorDetail: "unknown client id" });
      expect(rows[2].query).toBe("");

      setTestEnv({ ROSTER_TOKEN_MAX_FAILURES: "1" });
      const limited = `192.0.2.${kind === "sqlite" ? 11 : 12}`;
      await post(wrong("roster_limited"), { "x-forwarded-for": limited });
      await post(wrong("roster_limited"), { "x-forwarded-for": limited });
      const limitedRows = await database.current.db.prisma.activityLog.findMany({ where: { ip: limited }, orderBy: { createdAt: "asc" } });
      expect(limitedRows.map((r) => r.status)).toEqual([401, 429]);
      expect(limitedRows[1].errorDetail).toMatch(/too many failed/);
    });

    it("holds no secret and no token anywhere in the activity log (every column of every row)", async () => {
      expect(sensitive.size).toBeGreaterThan(20);
      const rows = await database.current.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>('SELECT * FROM "ActivityLog"');
      expect(rows.length).toBeGreaterThan(50);
      const everything = JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v));
      for (const secret of sensitive) {
        expect(everything.includes(secret), `found ${secret.slice(0, 6)}… in the activity log`).toBe(false);
        expect(everything.includes(encodeURIComponent(secret))).toBe(false);
      }
    });
  });
});
