import { afterEach, describe, expect, it } from "vitest";
import { envInt } from "./env";

describe("envInt", () => {
  afterEach(() => delete process.env.ROSTER_TEST_INT);

  it("reads an integer and clamps it to the range", () => {
    process.env.ROSTER_TEST_INT = " 42 ";
    expect(envInt("ROSTER_TEST_INT", 7, 0, 100)).toBe(42);
    process.env.ROSTER_TEST_INT = "1000";
    expect(envInt("ROSTER_TEST_INT", 7, 0, 100)).toBe(100);
    process.env.ROSTER_TEST_INT = "-5";
    expect(envInt("ROSTER_TEST_INT", 7, 0, 100)).toBe(0);
  });

  it("falls back when unset, empty, fractional or not a number", () => {
    expect(envInt("ROSTER_TEST_INT", 7, 0, 100)).toBe(7);
    for (const raw of ["", "  ", "1.5", "ten", "0x"]) {
      process.env.ROSTER_TEST_INT = raw;
      expect(envInt("ROSTER_TEST_INT", 7, 0, 100), JSON.stringify(raw)).toBe(7);
    }
  });
});
