// Generated credentials and their digests.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digestsEqual, newAccessToken, newClientId, newClientSecret, sha256Hex } from "./credentials";

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
