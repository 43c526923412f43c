// POST /api/oauth/token and bearer authentication over HTTP, on both databases (RFC 6749, RFC 6750).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { createApiClient } from "@/lib/directories/create-api-client";
import { createDirectory } from "@/lib/directories/create-directory";
import { deleteDirectory } from "@/lib/directories/delete-directory";
import { revokeApiClient } from "@/lib/directories/revoke-api-client";
import { updateDirectory } from "@/lib/directories/update-directory";
import { authenticateBearer, BearerAuthError } from "@/lib/oauth/authenticate-bearer";
import { handleTokenRequest } from "@/lib/oauth/handle-token-request";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { startTestServer } from "../support/http-server";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

async function whoAmI(request: Request): Promise<Response> {
  try {
    return Response.json(await authenticateBearer(request));
  } catch (e) {
    if (e instanceof BearerAuthError) return Response.json({ detail: e.message }, { status: 401, headers: { "WWW-Authenticate": e.wwwAuthenticate } });
    throw e;
  }
}

describe.each(DATABASE_KINDS)("OAuth token endpoint on %s", (kind) => {
  const database = useTestDatabase(kind);
  let url = "";
  let close: () => Promise<void>;
  let ip = 0;

  beforeAll(async () => {
    const server = await startTestServer({ "/api/oauth/token": (r) => handleTokenRequest(r), "/whoami": whoAmI });
    url = server.url;
    close = server.close;
  });
  afterAll(() => close());

  async function pair(name = "Dir") {
    const directory = await createDirectory({ name, active: true });
    const { apiClient, clientSecret } = await createApiClient({ directoryId: directory.id });
    return { directory, apiClient, clientId: apiClient.clientId, clientSecret };
  }

  // Each test speaks from its own address so the per-address failure limit of one does not leak into another.
  function token(body: Record<string, string> | string, headers: Record<string, string> = {}) {
    return fetch(`${url}/api/oauth/token`, {
      method: "POST",
      headers: { ...FORM, "x-forwarded-for": `10.9.0.${++ip % 250}`, ...headers },
      body: typeof body === "string" ? body : new URLSearchParams(body),
    });
  }

  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

  it("issues a bearer token for client_id/client_secret in the body (what Entra sends)", async () => {
    const { clientId, clientSecret, directory } = await pair();
    const res = await token({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("pragma")).toBe("no-cache");
    const body = await res.json();
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const me = await fetch(`${url}/whoami`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(await me.json()).toMatchObject({ directoryId: directory.id, clientId });
    const stored = await database.current.db.accessToken.findMany();
    expect(JSON.stringify(stored)).not.toContain(body.access_token);
    const client = await database.current.db.apiClient.findUnique({ where: { clientId } });
    expect(client?.lastUsedAt).toBeInstanceOf(Date);
    expect(client?.secretHash).not.toContain(clientSecret);
  });

  it("issues a token with HTTP Basic client authentication, and accepts scope=scim", async () => {
    const { clientId, clientSecret } = await pair();
    const res = await token({ grant_type: "client_credentials", scope: "scim" }, { authorization: basic(clientId, clientSecret) });
    expect(res.status).toBe(200);
    expect((await res.json()).scope).toBe("scim");
  });

  it("honours ROSTER_TOKEN_TTL_SECONDS", async () => {
    const { clientId, clientSecret } = await pair();
    process.env.ROSTER_TOKEN_TTL_SECONDS = "7200";
    try {
      const res = await token({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
      expect((await res.json()).expires_in).toBe(7200);
    } finally {
      delete process.env.ROSTER_TOKEN_TTL_SECONDS;
    }
  });

  it.each([
    ["both Basic and body credentials", "invalid_request", 400, true, { grant_type: "client_credentials", client_secret: "x" }],
    ["no client authentication at all", "invalid_request", 400, false, { grant_type: "client_credentials" }],
    ["a missing grant_type", "invalid_request", 400, false, { client_id: "a", client_secret: "b" }],
    ["another grant type", "unsupported_grant_type", 400, false, { grant_type: "password", client_id: "a", client_secret: "b" }],
  ])("answers %s with %s", async (_label, error, status, useBasic, body) => {
    const { clientId, clientSecret } = await pair();
    const res = await token(body as Record<string, string>, useBasic ? { authorization: basic(clientId, clientSecret) } : {});
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error, error_description: expect.any(String) });
  });

  it("rejects an unknown scope with invalid_scope", async () => {
    const { clientId, clientSecret } = await pair();
    const res = await token({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope: "admin" });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("invalid_scope");
  });

  it("answers a wrong secret and an unknown client identically (401 invalid_client), with WWW-Authenticate for Basic", async () => {
    const { clientId } = await pair();
    const wrongSecret = await token({ grant_type: "client_credentials", client_id: clientId, client_secret: "nope" });
    const unknown = await token({ grant_type: "client_credentials", client_id: "roster_nobody", client_secret: "nope" });
    expect(wrongSecret.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrongSecret.json()).toEqual(await unknown.json());
    const viaBasic = await token({ grant_type: "client_credentials" }, { authorization: basic(clientId, "nope") });
    expect(viaBasic.status).toBe(401);
    expect(viaBasic.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
  });

  it("refuses JSON bodies, malformed bodies, repeated parameters and wrong methods without a 500", async () => {
    const json = await token(JSON.stringify({ grant_type: "client_credentials" }), { "content-type": "application/json" });
    expect(json.status).toBe(400);
    expect((await json.json()).error).toBe("invalid_request");
    const repeated = await token("grant_type=client_credentials&grant_type=client_credentials&client_id=a&client_secret=b");
    expect(repeated.status).toBe(400);
    const huge = await token(`grant_type=client_credentials&client_id=${"a".repeat(20_000)}&client_secret=b`);
    expect(huge.status).toBe(400);
    const get = await fetch(`${url}/api/oauth/token`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await get.json()).error).toBe("invalid_request");
  });

  it("stops a token working at once when its client is revoked", async () => {
    const { directory, apiClient, clientId, clientSecret } = await pair();
    const { access_token } = await (await token({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret })).json();
    expect((await fetch(`${url}/whoami`, { headers: { authorization: `Bearer ${access_token}` } })).status).toBe(200);
    await revokeApiClient({ directoryId: directory.id, apiClientId: apiClient.id });
    const after = await fetch(`${url}/whoami`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await token({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret })).status).toBe(401);
  });

  it("stops a token working when its directory is deactivated or deleted", async () => {
    const { directory, clientId, clientSecret } = await pair();
    const get = async () => (await (await token({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret })).json()).access_token;
    const t1 = await get();
    await updateDirectory({ directoryId: directory.id, active: false });
    expect((await fetch(`${url}/whoami`, { headers: { authorization: `Bearer ${t1}` } })).status).toBe(401);
    expect((await token({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret })).status).toBe(401);
    await updateDirectory({ directoryId: directory.id, active: true });
    const t2 = await get();
    expect((await fetch(`${url}/whoami`, { headers: { authorization: `Bearer ${t2}` } })).status).toBe(200);
    await deleteDirectory({ directoryId: directory.id });
    expect((await fetch(`${url}/whoami`, { headers: { authorization: `Bearer ${t2}` } })).status).toBe(401);
  });

  it("rejects an expired token", async () => {
    const { clientId, clientSecret } = await pair();
    const { access_token } = await (await token({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret })).json();
    await database.current.db.accessToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await fetch(`${url}/whoami`, { headers: { authorization: `Bearer ${access_token}` } })).status).toBe(401);
  });

  it("limits repeated failures per client id with 429 + Retry-After, across two instances (separate clients on one database)", async () => {
    const { clientId, clientSecret } = await pair();
    const second = createDb(database.current.config);
    try {
      // Ten failures from ten addresses (so only the per-client counter trips).
      for (let i = 0; i < 10; i++) {
        const r = await token({ grant_type: "client_credentials", client_id: clientId, client_secret: "wrong" });
        expect(r.status).toBe(401);
      }
      const blocked = await token({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
      // The state lives in the database: another instance sees it.
      const bucket = await second.rateLimitBucket.findUnique({ where: { key: `token-fail:client:${clientId}` } });
      expect(bucket?.count).toBeGreaterThanOrEqual(10);
    } finally {
      await second.$disconnect();
    }
  });

  it("limits repeated failures per address", async () => {
    const headers = { "x-forwarded-for": "203.0.113.77" };
    for (let i = 0; i < 10; i++) {
      expect((await token({ grant_type: "client_credentials", client_id: `roster_x${i}`, client_secret: "wrong" }, headers)).status).toBe(401);
    }
    expect((await token({ grant_type: "client_credentials", client_id: "roster_other", client_secret: "x" }, headers)).status).toBe(429);
  });

  it("logs every token request, success and failure, without any secret or token", async () => {
    const { clientId, clientSecret, directory } = await pair("Logged");
    const ok = await (await token({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret })).json();
    await token({ grant_type: "client_credentials", client_id: clientId, client_secret: "wrong-secret-value" });
    const rows = await database.current.db.activityLog.findMany({ where: { directoryId: directory.id, kind: "token" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.operation, r.status])).toEqual([
      ["token.issue", 200],
      ["token.denied", 401],
    ]);
    expect(rows[0].ip).toMatch(/^10\.9\.0\./);
    const everything = JSON.stringify(await database.current.db.activityLog.findMany());
    expect(everything).not.toContain(clientSecret);
    expect(everything).not.toContain(ok.access_token);
    expect(everything).not.toContain("wrong-secret-value");
  });
});
