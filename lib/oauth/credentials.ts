// Client secrets and access tokens: 256 bits from the CSPRNG, stored only as SHA-256.
// A slow password hash adds nothing for values with 256 bits of entropy (no dictionary to try),
// and SHA-256 keeps the lookup of every SCIM request's token cheap.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Constant-time comparison of two hex digests of equal length. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

function base62(bytes: number, length: number): string {
  // Rejection sampling keeps every character uniformly likely.
  let out = "";
  while (out.length < length) {
    for (const b of randomBytes(bytes)) {
      if (b < 248 && out.length < length) out += BASE62[b % 62];
    }
  }
  return out;
}

export function newClientId(): string {
  return `roster_${base62(32, 22)}`;
}

export function newClientSecret(): string {
  return `rs_${randomBytes(32).toString("base64url")}`;
}

export function newAccessToken(): string {
  return `rt_${randomBytes(32).toString("base64url")}`;
}

/** An API key for the consumer API (/api/v1): `rk_` + 32 random bytes in base64url. */
export function newApiKey(): string {
  return `rk_${randomBytes(32).toString("base64url")}`;
}
