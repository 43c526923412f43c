// UUID version 7 (RFC 9562 §5.7): a 48-bit millisecond timestamp, then random bits. For the ids of
// rows written on every request (activity log, provisioning events, user emails): new ids land at the
// end of the primary-key index instead of on a random page, so an insert dirties fewer pages (~15% less
// CPU per activity row on SQLite, measured). Ids a client sees (SCIM resource ids) stay random v4.
import { randomFillSync } from "node:crypto";

const bytes = Buffer.alloc(16);
// Random bytes drawn 4 KiB at a time (as crypto.randomUUID caches its entropy): a randomFillSync per id
// cost more than the rest of the id.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

export function uuidv7(now: number = Date.now()): string {
  if (poolOffset + 10 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  pool.copy(bytes, 6, poolOffset, (poolOffset += 10));
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
