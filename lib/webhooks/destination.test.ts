// Which addresses webhooks refuse (SSRF), table-driven; the integration suite covers the same rules end
// to end (creation, delivery, DNS rebinding).
import { describe, expect, it } from "vitest";
import { privateAddressKind } from "./destination";
import { DISABLE_AFTER_MS, retryDelayMs } from "./retry-schedule";

describe("privateAddressKind", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "fe80::1",
    "fc00::1",
    "fd00:ec2::254",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "64:ff9b::10.0.0.1",
    "2002:c0a8:0101::1",
  ])("refuses %s", (address) => {
    expect(privateAddressKind(address)).not.toBe("");
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "2002:0808:0808::1"])("allows %s", (address) => {
    expect(privateAddressKind(address)).toBe("");
  });
});

describe("retry schedule", () => {
  it("backs off exponentially with jitter, capped at an hour, and keeps retrying past 24 hours", () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(5000);
    expect(retryDelayMs(2, () => 0.5)).toBe(10_000);
    expect(retryDelayMs(1, () => 0)).toBe(4000);
    expect(retryDelayMs(1, () => 1)).toBe(6000);
    expect(retryDelayMs(50, () => 0.5)).toBe(3_600_000);
    // Worst case (every delay at its longest): retries still span more than a day before the endpoint
    // is disabled after three days of failure.
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < DISABLE_AFTER_MS) elapsed += retryDelayMs(++attempts, () => 1);
    expect(attempts).toBeGreaterThan(50);
    expect(DISABLE_AFTER_MS).toBeGreaterThanOrEqual(24 * 3_600_000);
  });
});
