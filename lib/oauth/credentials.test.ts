// Generated credentials and their digests, and the token endpoint's settings.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { digestsEqual, newAccessToken, newClientId, newClientSecret, sha256Hex } from "./credentials";
import { tokenSettings } from "./token-settings";

describe("credentials", () => {
  it("makes client ids of roster_ + 22 base62 characters", () => {
    const ids = new Set(Array.from({ length: 2000 }, newClientId));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^roster_[0-9A-Za-z]{22}$/);
    // Every base62 character turns up (rejection sampling keeps them uniform; 44,000 draws of 62).
    expect(new Set([...ids].map((id) => id.slice("roster_".length)).join("")).size).toBe(62);
  });

  it("makes secrets and tokens of 32 random bytes in base64url (256 bits)", () => {
    for (const [make, prefix] of [
      [newClientSecret, "rs_"],
      [newAccessToken, "rt_"],
    ] as const) {
      const values = Array.from({ length: 200 }, make);
      expect(new Set(values).size).toBe(200);
      for (const v of values) {
        expect(v.startsWith(prefix)).toBe(true);
        expect(Buffer.from(v.slice(3), "base64url")).toHaveLength(32);
        expect(v.slice(3)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      }
    }
  });

  it("hashes with SHA-256 hex", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("compares digests: equal only when equal", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(digestsEqual(sha256Hex(a), sha256Hex(b))).toBe(a === b);
      }),
    );
    expect(digestsEqual("", "")).toBe(false);
    expect(digestsEqual(sha256Hex("a"), sha256Hex("a").slice(0, 32))).toBe(false);
  });
});

describe("tokenSettings", () => {
  const keys = ["ROSTER_TOKEN_TTL_SECONDS", "ROSTER_TOKEN_MAX_FAILURES", "ROSTER_TOKEN_FAILURE_WINDOW_SECONDS"];
  afterEach(() => {
    for (const k of keys) delete process.env[k];
  });

  it("defaults to 3600 s tokens and 10 failures per 300 s", () => {
    expect(tokenSettings()).toEqual({ ttlSeconds: 3600, maxFailures: 10, failureWindowSeconds: 300 });
  });

  it.each([
    ["7200", 7200],
    [" 21600 ", 21600],
    ["299", 300],
    ["86401", 86_400],
    ["3600.5", 3600],
    ["1e4", 10_000],
    ["abc", 3600],
    ["", 3600],
  ])("reads ROSTER_TOKEN_TTL_SECONDS=%j as %i", (value, expected) => {
    process.env.ROSTER_TOKEN_TTL_SECONDS = value;
    expect(tokenSettings().ttlSeconds).toBe(expected);
  });

  it("reads the failure limit and window", () => {
    process.env.ROSTER_TOKEN_MAX_FAILURES = "3";
    process.env.ROSTER_TOKEN_FAILURE_WINDOW_SECONDS = "60";
    expect(tokenSettings()).toMatchObject({ maxFailures: 3, failureWindowSeconds: 60 });
    process.env.ROSTER_TOKEN_MAX_FAILURES = "0";
    expect(tokenSettings().maxFailures).toBe(1);
  });
});
