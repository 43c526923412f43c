// Redaction of what reaches the activity log: credential-like keys, Roster's own credentials wherever
// they appear, and the 8 KiB cap.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newAccessToken, newClientSecret } from "@/lib/oauth/credentials";
import { capBody, MAX_LOGGED_BODY_BYTES, REDACTED, redactForm, redactJson, redactQuery, scrubCredentials } from "./redact";

describe("redactJson", () => {
  it("replaces values of keys matching secret|password|token|authorization, at any depth", () => {
    const input = {
      userName: "ada@contoso.test",
      password: "hunter2",
      client_secret: "s",
      access_token: "t",
      Authorization: "Bearer x",
      nested: { refreshToken: { deeper: "t2" }, keep: 1, list: [{ PASSWORD: "p" }, "plain"] },
      token_type: "Bearer",
    };
    const out = JSON.parse(redactJson(JSON.stringify(input))!);
    expect(out).toEqual({
      userName: "ada@contoso.test",
      password: REDACTED,
      client_secret: REDACTED,
      access_token: REDACTED,
      Authorization: REDACTED,
      nested: { refreshToken: REDACTED, keep: 1, list: [{ PASSWORD: REDACTED }, "plain"] },
      // RFC 6749 §5.1 token_type is never secret: kept so the log reads plainly.
      token_type: "Bearer",
    });
  });

  it("redacts a parsed value too, returning a copy", () => {
    const value = { password: "p", a: [1, { secret: 2 }] };
    expect(redactJson(value)).toEqual({ password: REDACTED, a: [1, { secret: REDACTED }] });
    expect(value.password).toBe("p");
  });

  it("keeps nothing of a body that is not JSON but its length", () => {
    expect(redactJson("password=hunter2")).toBe("[16 characters, not JSON]");
  });

  it("returns undefined for no body", () => {
    expect(redactJson(undefined)).toBeUndefined();
    expect(redactJson(null)).toBeUndefined();
    expect(redactJson("")).toBeUndefined();
  });

  it("scrubs Roster client secrets and access tokens under any key", () => {
    const secret = newClientSecret();
    const token = newAccessToken();
    const out = redactJson(JSON.stringify({ displayName: `oops ${secret}`, note: [token] }))!;
    expect(out).not.toContain(secret);
    expect(out).not.toContain(token);
    expect(JSON.parse(out)).toEqual({ displayName: `oops ${REDACTED}`, note: [REDACTED] });
  });

  it("caps the result at 8 KiB", () => {
    const out = redactJson(JSON.stringify({ description: "x".repeat(20_000) }))!;
    expect(Buffer.byteLength(out)).toBeLessThan(MAX_LOGGED_BODY_BYTES + 100);
    expect(out).toMatch(/\[truncated, \d+ bytes\]$/);
  });

  it("never lets a value under a secret-looking key through (property)", () => {
    const secretKey = fc.constantFrom("password", "client_secret", "access_token", "Authorization", "x-api-token", "newPassword");
    const value = fc.string({ minLength: 12, maxLength: 40 }).map((s) => `SECRET<${s}>`);
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), secretKey, value, fc.nat(3), (doc, key, secret, depth) => {
        let wrapped: Record<string, unknown> = { ...doc, [key]: secret };
        for (let i = 0; i < depth; i++) wrapped = { level: [wrapped] };
        expect(redactJson(JSON.stringify(wrapped))).not.toContain("SECRET<");
      }),
    );
  });
});

describe("redactForm", () => {
  it("writes a literal [redacted] for secret parameters and keeps the rest", () => {
    expect(redactForm("grant_type=client_credentials&client_id=roster_abc&client_secret=rs_x%2By&scope=scim")).toBe(
      "grant_type=client_credentials&client_id=roster_abc&client_secret=[redacted]&scope=scim",
    );
  });

  it("accepts URLSearchParams and redacts every secret-looking key", () => {
    const out = redactForm(new URLSearchParams({ password: "p", refresh_token: "r", client_assertion: "jwt", username: "u" }));
    expect(out).toBe("password=[redacted]&refresh_token=[redacted]&client_assertion=[redacted]&username=u");
  });

  it("scrubs a Roster secret sent under the wrong name", () => {
    const secret = newClientSecret();
    expect(redactForm(`client_id=${secret}`)).not.toContain(secret);
  });

  it("returns undefined for an empty body and caps a huge one", () => {
    expect(redactForm("")).toBeUndefined();
    expect(redactForm(undefined)).toBeUndefined();
    expect(Buffer.byteLength(redactForm(`a=${"b".repeat(50_000)}`)!)).toBeLessThan(MAX_LOGGED_BODY_BYTES + 100);
  });
});

describe("redactQuery", () => {
  it("redacts access_token (RFC 6750 §2.3) and keeps everything else as sent", () => {
    expect(redactQuery('filter=userName%20eq%20"a"&access_token=rt_abc&count=10')).toBe('filter=userName%20eq%20"a"&access_token=[redacted]&count=10');
    expect(redactQuery("?startIndex=1")).toBe("startIndex=1");
    expect(redactQuery(undefined)).toBe("");
  });
});

describe("capBody and scrubCredentials", () => {
  it("cuts on a character boundary", () => {
    const text = "é".repeat(MAX_LOGGED_BODY_BYTES);
    const out = capBody(text);
    expect(out).not.toContain("\uFFFD");
    expect(out.startsWith("é".repeat(MAX_LOGGED_BODY_BYTES / 2))).toBe(true);
    expect(capBody("short")).toBe("short");
  });

  it("leaves client ids and ordinary text alone", () => {
    expect(scrubCredentials("roster_ABCDEFGHIJKLMNOPQRSTUV signs in")).toBe("roster_ABCDEFGHIJKLMNOPQRSTUV signs in");
  });
});
