// What a server action's form shows for each kind of failure.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { toErrorResult } from "./action-result";
import { AdminError } from "./errors";

describe("toErrorResult", () => {
  it("shows admin errors and zod problems per field", () => {
    expect(toErrorResult(new AdminError("not_found", "Directory not found"))).toEqual({ ok: false, error: "Directory not found" });
    const zod = z.object({ name: z.string().min(1, "Name is required") }).safeParse({ name: "" });
    expect(toErrorResult(zod.error)).toEqual({ ok: false, error: "Check the highlighted fields.", fieldErrors: { name: "Name is required" } });
  });

  it("says a transient database failure changed nothing and may be retried, without logging it as a fault", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const busy = toErrorResult(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }));
    const down = toErrorResult(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    for (const r of [busy, down]) expect(r.error).toMatch(/nothing was changed\. Try again/);
  });

  it("answers anything else generically, and logs it", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(toErrorResult(new Error("internal detail")).error).toMatch(/^Something went wrong/);
    expect(spy).toHaveBeenCalledOnce();
    spy.mockRestore();
  });

  it("lets Next's redirect and notFound through", () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/x;307;" });
    expect(() => toErrorResult(redirect)).toThrow(redirect);
  });
});
