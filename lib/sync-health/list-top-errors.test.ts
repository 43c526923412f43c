import { describe, expect, it } from "vitest";
import { topErrorPeriod } from "./list-top-errors";

const NOW = Date.parse("2026-03-02T09:00:00.000Z");

describe("topErrorPeriod", () => {
  it.each([
    ["24h", "24h", "24 hours", "2026-03-01T09:00:00.000Z"],
    ["7d", "7d", "7 days", "2026-02-23T09:00:00.000Z"],
    ["30d", "30d", "30 days", "2026-01-31T09:00:00.000Z"],
    [undefined, "7d", "7 days", "2026-02-23T09:00:00.000Z"],
    ["1y", "7d", "7 days", "2026-02-23T09:00:00.000Z"],
    ["toString", "7d", "7 days", "2026-02-23T09:00:00.000Z"],
    [["24h"], "7d", "7 days", "2026-02-23T09:00:00.000Z"],
  ])("%j → %s", (value, period, label, since) => {
    expect(topErrorPeriod(value, NOW)).toEqual({ period, label, since: new Date(since) });
  });
});
