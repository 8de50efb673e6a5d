import { compactNtp } from "werift";
import { describe, expect, it } from "vitest";
import { ntpTimestampAt } from "./ntp-time.ts";

describe("ntpTimestampAt", () => {
  it("counts seconds from 1900 in the high word", () => {
    expect(ntpTimestampAt(0)).toBe(2_208_988_800n << 32n);
    expect(ntpTimestampAt(1_000) >> 32n).toBe(2_208_988_801n);
  });

  it("puts the part of a second in the low word as a binary fraction", () => {
    const half = ntpTimestampAt(1_500);
    expect(half >> 32n).toBe(2_208_988_801n);
    expect(half & 0xffff_ffffn).toBe(2n ** 31n);
    expect(ntpTimestampAt(250) & 0xffff_ffffn).toBe(2n ** 30n);
  });

  it("gives the middle 32 bits a sender report's LSR echoes, at 1/65536 s", () => {
    const at = Date.UTC(2026, 11, 2, 12, 0, 0, 125);
    const later = compactNtp(ntpTimestampAt(at + 1_000)) - compactNtp(ntpTimestampAt(at));
    expect(later).toBe(65_536);
    expect(compactNtp(ntpTimestampAt(at)) & 0xffff).toBe(65_536 / 8);
  });
});
