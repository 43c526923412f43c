// The one public-origin rule (SCIM locations, admin connection details, CLI output, next-auth) and the
// one client-address rule (activity log, token failure limit).
import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";
import { DEFAULT_ORIGIN, publicOrigin } from "./public-origin";
import { restoreTestEnv, setTestEnv } from "@/tests/support/settings";

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe("publicOrigin", () => {
  it("prefers ROSTER_BASE_URL over anything the request says", () => {
    const env = { baseUrl: "https://roster.example.com" };
    expect(publicOrigin(request("http://localhost:3000/x", { "x-forwarded-host": "evil.example" }), env)).toBe("https://roster.example.com");
    expect(publicOrigin(undefined, env)).toBe("https://roster.example.com");
  });

  it("takes the first forwarded host only with ROSTER_TRUST_PROXY=true, and the first forwarded proto", () => {
    const r = request("http://10.0.0.5:3000/api/scim/v2", { "x-forwarded-proto": "https, http", "x-forwarded-host": "idp.example.com, 10.0.0.5", host: "10.0.0.5:3000" });
    expect(publicOrigin(r, { trustProxy: true })).toBe("https://idp.example.com");
    expect(publicOrigin(r, {})).toBe("https://10.0.0.5:3000");
  });

  it("by default never puts a caller's X-Forwarded-Host in the origin", () => {
    const r = request("http://roster.example/api/scim/v2/Users", { "x-forwarded-host": "evil.example", host: "roster.example" });
    expect(publicOrigin(r, { baseUrl: undefined, trustProxy: false })).toBe("http://roster.example");
    setTestEnv({ ROSTER_BASE_URL: undefined, ROSTER_TRUST_PROXY: undefined });
    try {
      expect(publicOrigin(r)).toBe("http://roster.example");
      setTestEnv({ ROSTER_TRUST_PROXY: "true" });
      expect(publicOrigin(r)).toBe("http://evil.example");
    } finally {
      restoreTestEnv();
    }
  });

  it("ignores a forwarded proto that is not http or https", () => {
    const r = request("https://10.0.0.5/api/scim/v2", { "x-forwarded-proto": "javascript", host: "roster.example" });
    expect(publicOrigin(r, {})).toBe("https://roster.example");
    expect(publicOrigin(request("http://x/", { "x-forwarded-proto": "HTTPS", host: "roster.example" }), {})).toBe("https://roster.example");
  });

  it("falls back to Host, then the request URL's scheme and host", () => {
    expect(publicOrigin(request("http://localhost/api/oauth/token", { host: "roster.internal:8080" }), {})).toBe("http://roster.internal:8080");
    expect(publicOrigin(request("https://direct.example/api"), {})).toBe("https://direct.example");
  });

  it("works from headers alone (server components) and without any request (CLI)", () => {
    expect(publicOrigin({ headers: new Headers({ host: "admin.example:3000" }) }, {})).toBe("http://admin.example:3000");
    expect(publicOrigin({ headers: new Headers() }, {})).toBe(DEFAULT_ORIGIN);
    expect(publicOrigin(undefined, {})).toBe(DEFAULT_ORIGIN);
  });
});

describe("clientAddress", () => {
  it("is the first X-Forwarded-For hop, else X-Real-IP, else unknown (undefined)", () => {
    expect(clientAddress(request("http://x/", { "x-forwarded-for": " 203.0.113.7 , 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientAddress(request("http://x/", { "x-real-ip": " 198.51.100.2 " }))).toBe("198.51.100.2");
    expect(clientAddress(request("http://x/", { "x-forwarded-for": "", "x-real-ip": "198.51.100.3" }))).toBe("198.51.100.3");
    expect(clientAddress(request("http://x/"))).toBeUndefined();
  });
});
