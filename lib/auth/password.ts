// Admin passwords: scrypt (node:crypto) with a random salt per password. The parameters travel inside
// the stored string, so they can be raised later without breaking existing hashes.
//   scrypt$<N>$<r>$<p>$<salt base64url>$<hash base64url>
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const PREFIX = "scrypt";
const KEY_LENGTH = 64;
const SALT_BYTES = 16;
// N=2^15, r=8 costs 32 MiB and ~50–100 ms per hash on a small server: slow for guessing, fine for sign-in.
const DEFAULT_PARAMS = { N: 2 ** 15, r: 8, p: 1 };
// Upper bounds for parameters read back from a stored hash, so a corrupt row cannot exhaust memory.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** Longest password accepted at all: scrypt's cost does not depend on it, but request bodies should stay small. */
export const MAX_PASSWORD_LENGTH = 256;
export const MIN_PASSWORD_LENGTH = 12;

function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLength, { ...options, maxmem: 256 * options.N! * options.r! + 16 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = DEFAULT_PARAMS;
  const key = await derive(password, salt, KEY_LENGTH, { N, r, p });
  return [PREFIX, N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

function parseHash(stored: string) {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every(Number.isInteger) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > MAX_R || p < 1 || p > MAX_P) return null;
  const salt = Buffer.from(parts[4], "base64url");
  const key = Buffer.from(parts[5], "base64url");
  if (!salt.length || key.length < 16) return null;
  return { N, r, p, salt, key };
}

/** Constant-time comparison of a password against a stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const candidate = await derive(password, parsed.salt, parsed.key.length, { N: parsed.N, r: parsed.r, p: parsed.p });
  return candidate.length === parsed.key.length && timingSafeEqual(candidate, parsed.key);
}

// A valid hash of a random password: verifying against it when the email is unknown makes a failed
// sign-in take the same time whether or not the account exists.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(password, await dummyHash);
  return false;
}
