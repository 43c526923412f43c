import { describe, expect, it } from "vitest";
import { uuidv7 } from "./uuid7";

describe("uuidv7", () => {
  it("is an RFC 9562 version 7 UUID carrying the millisecond timestamp", () => {
    const now = Date.UTC(2026, 10, 29, 12, 0, 0, 123);
    const id = uuidv7(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(now);
  });

  it("sorts by creation time across milliseconds and is unique within one", () => {
    const ids = [uuidv7(1_000), uuidv7(1_001), uuidv7(2_000_000_000_000)];
    expect([...ids].sort()).toEqual(ids);
    const sameMs = new Set(Array.from({ length: 10_000 }, () => uuidv7(5_000)));
    expect(sameMs.size).toBe(10_000);
  });
});
