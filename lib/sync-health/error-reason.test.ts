import { describe, expect, it } from "vitest";
import { errorReason } from "./error-reason";

describe("errorReason", () => {
  it.each([
    ['userName "ada@example.com" is already in use in this directory', 'userName "…" is already in use in this directory'],
    ["User 5f0c6a1e-8c3b-4f7e-9a51-0c2d4e6f8a10 not found", "User … not found"],
    ["Unknown members (no such user in this directory): 5f0c6a1e-8c3b-4f7e-9a51-0c2d4e6f8a10, 6f0c6a1e-8c3b-4f7e-9a51-0c2d4e6f8a10", "Unknown members (no such user in this directory): …, …"],
    ["The request body is larger than the 4194304-byte limit", "The request body is larger than the N-byte limit"],
    ["Could not assign ada.lovelace@contoso.com to group", "Could not assign … to group"],
    ["ETag W/\"3\" does not match", 'ETag W/"…" does not match'],
    ["Filter 'userName eq x' not supported", "Filter '…' not supported"],
    ["Token for client roster_4hT9kQ2mZp8w expired", "Token for client … expired"],
    ["The access token is invalid or has expired", "The access token is invalid or has expired"],
  ])("%s", (detail, reason) => expect(errorReason(detail)).toBe(reason));

  it("is empty without a detail and short with a long one", () => {
    expect(errorReason(undefined)).toBe("");
    expect(errorReason("x ".repeat(500)).length).toBe(200);
  });
});
