import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

describe("safeCallbackPath", () => {
  it.each([
    [undefined, "/admin/directories"],
    ["/admin/directories/abc/users?q=x", "/admin/directories/abc/users?q=x"],
    ["http://127.0.0.1:3100/admin/admins", "/admin/admins"],
    ["https://evil.example/steal", "/steal"],
    ["//evil.example/x", "/admin/directories"],
    ["/\\evil.example", "/admin/directories"],
    ["javascript:alert(1)", "/admin/directories"],
    ["/signin?callbackUrl=/x", "/admin/directories"],
    ["/api/auth/signout", "/admin/directories"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
