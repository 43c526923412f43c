import { describe, expect, it } from "vitest";
import { isFailure, judgeHealth, pushOutcomes, RECENT_WINDOW } from "./judge-health";

const window = (failed: number, total: number) => "1".repeat(failed) + "0".repeat(total - failed);

describe("isFailure", () => {
  it.each([
    [400, true],
    [401, true],
    [403, true],
    [500, true],
    [503, true],
    [404, false], // a missing resource: how an identity provider learns what exists
    [409, false], // uniqueness, likewise
    [429, false],
    [412, false],
    [200, false],
    [204, false],
  ])("%i → %s", (status, failed) => expect(isFailure(status)).toBe(failed));
});

describe("judgeHealth", () => {
  const none = { cycleRequests: 0, cycleFailures: 0 };
  it.each([
    ["no failure", window(0, 100), none, "healthy", "No failures in the last 100 requests"],
    ["5% exactly", window(5, 100), none, "healthy", "5 of the last 100 requests failed (5%)"],
    ["just above 5%", window(6, 100), none, "degraded", "6 of the last 100 requests failed (6%)"],
    ["49%", window(49, 100), none, "degraded", "49 of the last 100 requests failed (49%)"],
    ["half", window(50, 100), none, "failing", "50 of the last 100 requests failed (50%)"],
    ["two of two: too few to call it an outage", window(2, 2), none, "degraded", "2 of the last 2 requests failed (100%)"],
    ["three of three", window(3, 3), none, "failing", "3 of the last 3 requests failed (100%)"],
    ["a bad current cycle after a good stretch", window(4, 100), { cycleRequests: 6, cycleFailures: 3 }, "failing", "3 of the 6 requests of the current cycle failed (50%)"],
  ])("%s", (_, recent, cycle, state, reason) => {
    expect(judgeHealth({ recent, ...cycle })).toMatchObject({ state, reason });
  });

  it("quotes the latest failure", () => {
    expect(judgeHealth({ recent: window(10, 10), ...none, lastFailure: '401 "The access token is invalid or has expired"' }).reason).toBe(
      '10 of the last 10 requests failed (100%); latest: 401 "The access token is invalid or has expired"',
    );
  });

  it("keeps the latest outcomes only", () => {
    const full = pushOutcomes(window(0, RECENT_WINDOW), "11");
    expect(full).toHaveLength(RECENT_WINDOW);
    expect(full.endsWith("0011")).toBe(true);
    expect(pushOutcomes("", "10")).toBe("10");
  });
});
