import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, keysetQuery, toKeysetPage } from "./keyset";

describe("keyset cursors", () => {
  it("round-trip and reject garbage", () => {
    const c = { createdAt: new Date("2026-01-02T03:04:05.678Z"), id: "abc" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor("not base64 json")).toBeNull();
    expect(decodeCursor(Buffer.from('["nope","x"]').toString("base64url"))).toBeNull();
    expect(decodeCursor("x".repeat(1000))).toBeNull();
  });

  it("builds a newest-first page and its cursors", () => {
    const rows = [5, 4, 3].map((n) => ({ id: String(n), createdAt: new Date(n * 1000) }));
    const q = keysetQuery({ pageSize: 2 });
    expect(q.take).toBe(3);
    const page = toKeysetPage(rows, q, (r) => r);
    expect(page.items.map((r) => r.id)).toEqual(["5", "4"]);
    expect(page.prevCursor).toBeNull();
    expect(decodeCursor(page.nextCursor)).toEqual({ id: "4", createdAt: new Date(4000) });
  });

  it("reverses a previous-page query back to newest first", () => {
    const q = keysetQuery({ pageSize: 2, before: encodeCursor({ id: "3", createdAt: new Date(3000) }) });
    expect(q.direction).toBe("before");
    expect(q.orderBy).toEqual([{ createdAt: "asc" }, { id: "asc" }]);
    const page = toKeysetPage([{ id: "4", createdAt: new Date(4000) }, { id: "5", createdAt: new Date(5000) }], q, (r) => r);
    expect(page.items.map((r) => r.id)).toEqual(["5", "4"]);
    expect(page.prevCursor).toBeNull();
    expect(page.nextCursor).not.toBeNull();
  });

  it("caps the page size", () => {
    expect(keysetQuery({ pageSize: 10_000 }).pageSize).toBe(200);
    expect(keysetQuery({ pageSize: 0 }).pageSize).toBe(1);
  });
});
