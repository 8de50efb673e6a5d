import { describe, expect, it } from "vitest";
import { splitCommission } from "./split-commission.ts";

describe("splitCommission", () => {
  it.each([
    [150_000n, 20, 30_000n, 120_000n],
    [1n, 20, 0n, 1n],
    [9n, 20, 1n, 8n],
    [99_999n, 15, 14_999n, 85_000n],
    [0n, 20, 0n, 0n],
    [1_000n, 0, 0n, 1_000n],
    [1_000n, 100, 1_000n, 0n],
  ])("%s at %i%% → commission %s, net %s", (amount, percent, commission, net) => {
    const split = splitCommission(amount, percent);
    expect(split).toEqual({ commissionMinor: commission, netMinor: net });
    expect(split.commissionMinor + split.netMinor).toBe(amount);
  });

  it.each([
    [-1n, 20],
    [100n, 20.5],
    [100n, -1],
    [100n, 101],
  ])("refuses %s at %s%%", (amount, percent) => {
    expect(() => splitCommission(amount, percent)).toThrow();
  });
});
