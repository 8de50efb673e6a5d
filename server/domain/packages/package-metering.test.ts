import { describe, expect, it } from "vitest";
import { blockDueAt, blocksOwedAtClock } from "../sessions/billing-rules.ts";
import { blockMeteredOf, blockSettingsOf, minuteDueAt, minutesOwedAtClock } from "./package-metering.ts";
import { minuteShareMinor } from "./package-money.ts";

const start = new Date("2026-12-01T10:00:00Z");
const metered = { clockStartedAt: start, usesPrepaidBlock: true, firstSession: true, pausedTotalMs: 0 };
const settings = { blockSeconds: 900, voidSeconds: 60, shortSessionSeconds: 10 };

describe("package minutes (SPEC 18)", () => {
  it("owes a minute per started minute of clock time, none under the short-session threshold", () => {
    expect(minutesOwedAtClock(metered, 9_999, settings)).toBe(0);
    expect(minutesOwedAtClock(metered, 10_000, settings)).toBe(1);
    expect(minutesOwedAtClock(metered, 60_000, settings)).toBe(1);
    expect(minutesOwedAtClock(metered, 60_001, settings)).toBe(2);
    expect(minutesOwedAtClock(metered, 30 * 60_000 + 1, settings)).toBe(31);
    // The void window and the prepaid block play no part.
    expect(minutesOwedAtClock(metered, 10_000, { ...settings, shortSessionSeconds: 0 })).toBe(1);
  });

  it("moves minute boundaries by the paused time", () => {
    const paused = { ...metered, pausedTotalMs: 5_000 };
    expect(minuteDueAt(paused, 1, settings).getTime() - start.getTime()).toBe(65_001);
  });

  it("counts blocks after a package from the clock time it ran out, block 0 at once", () => {
    const row = { packagePurchaseId: "p", blocksFromClockMs: 120_000 };
    const blocks = blockMeteredOf(row, metered)!;
    const billing = blockSettingsOf(row, settings);
    expect(blocks).toMatchObject({ usesPrepaidBlock: false, firstSession: false });
    expect(blockDueAt(blocks, 0, billing).getTime() - start.getTime()).toBe(120_000);
    expect(blockDueAt(blocks, 1, billing).getTime() - start.getTime()).toBe(120_000 + 900_000 + 1);
    expect(blocksOwedAtClock(blocks, 1, billing)).toBe(1);
    // While minutes are drawn there is no block metering; without a package, the session's own.
    expect(blockMeteredOf({ packagePurchaseId: "p", blocksFromClockMs: null }, metered)).toBeNull();
    expect(blockMeteredOf({ packagePurchaseId: null, blocksFromClockMs: null }, metered)).toBe(metered);
    // A package gone before its first minute keeps the short-session threshold.
    expect(blockSettingsOf({ packagePurchaseId: "p", blocksFromClockMs: 0 }, settings).shortSessionSeconds).toBe(10);
  });

  it("shares the price per minute rounding down; the rest stays in the hold", () => {
    expect(minuteShareMinor({ priceMinor: 1_001n, minutes: 2 })).toBe(500n);
    expect(minuteShareMinor({ priceMinor: 3_000n, minutes: 7 })).toBe(428n);
  });
});
