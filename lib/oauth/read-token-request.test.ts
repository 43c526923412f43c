// Token request parsing (RFC 6749 §2.3.1, §3.2, §3.3, §4.4.2), table-driven, without a database.
import { describe, expect, it } from "vitest";
import { OAuthError } from "./oauth-error";
import { MAX_TOKEN_BODY_BYTES, readClientCredentials, readScope, readTokenForm } from "./read-token-request";

const FORM = "application/x-www-form-urlencoded";

function request(body: BodyInit | null, headers: Record<string, string> = { "content-type": FORM }) {
  return new Request("http://roster.test/api/oauth/token", { method: "POST", headers, body });
}

async function oauthErrorOf(p: Promise<unknown> | (() => unknown)): Promise<OAuthError> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(OAuthError);
    return e as OAuthError;
  }
  throw new Error("expected an OAuthError");
}

const basic = (raw: string) => ({ authorization: `Basic ${Buffer.from(raw).toString("base64")}` });
const params = (o: Record<string, string>) => new Map(Object.entries(o));

describe("readTokenForm", () => {
  it("reads Entra ID's body", async () => {
    const { params: p, text } = await readTokenForm(request("grant_type=client_credentials&client_id=roster_abc&client_secret=rs_x%2By"));
    expect(Object.fromEntries(p)).toEqual({ grant_type: "client_credentials", client_id: "roster_abc", client_secret: "rs_x+y" });
    expect(text).toBe("grant_type=client_credentials&client_id=roster_abc&client_secret=rs_x%2By");
  });

  it.each([`${FORM}; charset=UTF-8`, `${FORM};charset=utf-8`, "Application/X-WWW-Form-Urlencoded", ` ${FORM} `])("accepts content type %j", async (type) => {
    const { params: p } = await readTokenForm(request("grant_type=client_credentials", { "content-type": type }));
    expect(p.get("grant_type")).toBe("client_credentials");
  });

  it.each(["application/json", "text/plain", "multipart/form-data; boundary=x", `${FORM}x`, ""])("refuses content type %j", async (type) => {
    const e = await oauthErrorOf(readTokenForm(request("grant_type=client_credentials", type ? { "content-type": type } : {})));
    expect(e).toMatchObject({ code: "invalid_request", status: 400 });
  });

  it("drops parameters sent without a value (§3.2)", async () => {
    const { params: p } = await readTokenForm(request("grant_type=client_credentials&scope=&client_id="));
    expect([...p.keys()]).toEqual(["grant_type"]);
  });

  it.each(["grant_type=a&grant_type=a", "client_id=a&client_id=", "scope=&scope=scim"])("refuses repeated parameters in %j (§3.2)", async (body) => {
    expect((await oauthErrorOf(readTokenForm(request(body)))).code).toBe("invalid_request");
  });

  it("accepts a body of exactly the cap and refuses one byte more", async () => {
    const at = `grant_type=${"a".repeat(MAX_TOKEN_BODY_BYTES - "grant_type=".length)}`;
    expect((await readTokenForm(request(at))).params.get("grant_type")).toHaveLength(MAX_TOKEN_BODY_BYTES - 11);
    expect((await oauthErrorOf(readTokenForm(request(`${at}b`)))).code).toBe("invalid_request");
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const r = request("grant_type=client_credentials", { "content-type": FORM, "content-length": String(MAX_TOKEN_BODY_BYTES + 1) });
    expect((await oauthErrorOf(readTokenForm(r))).description).toMatch(/larger than/);
    expect(r.bodyUsed).toBe(false);
  });

  it("refuses invalid UTF-8", async () => {
    expect((await oauthErrorOf(readTokenForm(request(new Uint8Array([0x61, 0x3d, 0xc3, 0x28]))))).description).toMatch(/UTF-8/);
  });

  it("turns a body stream that breaks into invalid_request", async () => {
    const broken = new ReadableStream({
      pull(controller) {
        controller.error(new Error("socket hang up"));
      },
    });
    const r = new Request("http://roster.test/", { method: "POST", headers: { "content-type": FORM }, body: broken, duplex: "half" } as RequestInit);
    expect((await oauthErrorOf(readTokenForm(r))).code).toBe("invalid_request");
  });

  it("reads an empty body as no parameters", async () => {
    expect((await readTokenForm(request(null))).params.size).toBe(0);
  });
});

describe("readClientCredentials (§2.3.1)", () => {
  const r = (headers: Record<string, string> = {}) => new Request("http://roster.test/", { headers });

  it("takes client_id and client_secret from the body", () => {
    expect(readClientCredentials(r(), params({ client_id: "roster_a", client_secret: "rs_b" }))).toEqual({ clientId: "roster_a", clientSecret: "rs_b", method: "body" });
  });

  it.each([
    ["plain", "roster_a:rs_b", "roster_a", "rs_b"],
    ["form-urlencoded (§2.3.1)", "id%3Awith%20colon:se%2Bcret%25", "id:with colon", "se+cret%"],
    ["+ as a space", "a+b:c+d", "a b", "c d"],
    ["a stray % taken as sent", "roster_a:100%", "roster_a", "100%"],
    ["a secret containing a colon", "roster_a:b:c", "roster_a", "b:c"],
    ["an empty secret", "roster_a:", "roster_a", ""],
    ["UTF-8", "r%C3%B6ster:s%C3%A9cret", "röster", "sécret"],
  ])("decodes HTTP Basic credentials: %s", (_label, raw, clientId, clientSecret) => {
    expect(readClientCredentials(r(basic(raw)), params({}))).toEqual({ clientId, clientSecret, method: "basic" });
  });

  it("accepts the scheme name in any case and extra blanks", () => {
    const value = Buffer.from("roster_a:rs_b").toString("base64");
    for (const h of [`basic ${value}`, `BASIC   ${value}`, ` Basic ${value} `]) {
      expect(readClientCredentials(r({ authorization: h }), params({})).clientId).toBe("roster_a");
    }
  });

  it("tolerates the same client_id in the body beside Basic", () => {
    expect(readClientCredentials(r(basic("roster_a:rs_b")), params({ client_id: "roster_a" })).method).toBe("basic");
  });

  it.each([
    ["Basic and a body secret", basic("roster_a:rs_b"), { client_secret: "rs_b" }],
    ["Basic and a body pair", basic("roster_a:rs_b"), { client_id: "roster_a", client_secret: "rs_b" }],
    ["Basic and another body client_id", basic("roster_a:rs_b"), { client_id: "roster_z" }],
    ["neither", {}, {}],
    ["only client_id", {}, { client_id: "roster_a" }],
    ["only client_secret", {}, { client_secret: "rs_b" }],
    ["another scheme", { authorization: "Bearer rt_x" }, { client_id: "roster_a", client_secret: "rs_b" }],
    ["Basic without credentials", { authorization: "Basic" }, {}],
    ["Basic that is not base64", { authorization: "Basic !!!" }, {}],
    ["Basic without a colon", basic("roster_a"), {}],
    ["Basic without a client id", basic(":rs_b"), {}],
  ])("refuses %s with invalid_request", async (_label, headers, body) => {
    const e = await oauthErrorOf(() => readClientCredentials(r(headers as Record<string, string>), params(body)));
    expect(e).toMatchObject({ code: "invalid_request", status: 400 });
  });
});

describe("readScope (§3.3)", () => {
  it.each([
    [{}, "scim"],
    [{ scope: "scim" }, "scim"],
    [{ scope: " scim  scim " }, "scim"],
    [{ scope: "admin" }, undefined],
    [{ scope: "scim admin" }, undefined],
    [{ scope: "Scim" }, undefined],
  ])("reads %j as %j", (p, expected) => {
    expect(readScope(params(p as Record<string, string>), "scim")).toBe(expected);
  });
});
