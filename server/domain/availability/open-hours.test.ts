import { describe, expect, it } from "vitest";
import { closingAfter, gridIndexAt, isOpenAt, nextOpeningAfter } from "./open-hours.ts";

// 2026-12-07 is a Monday.
describe("open hours", () => {
  const cases: { name: string; hours: number[]; zone: string; at: string; open: boolean; next: string | null }[] = [
    { name: "empty grid: always open", hours: [], zone: "Europe/Moscow", at: "2026-12-07T03:00:00Z", open: true, next: null },
    // Monday 10:00 Moscow = 07:00 UTC
    { name: "inside a filled hour", hours: [10], zone: "Europe/Moscow", at: "2026-12-07T07:30:00Z", open: true, next: "2026-12-14T07:00:00.000Z" },
    { name: "before it: opens at its start", hours: [10], zone: "Europe/Moscow", at: "2026-12-07T06:59:00Z", open: false, next: "2026-12-07T07:00:00.000Z" },
    { name: "after it: next week", hours: [10], zone: "Europe/Moscow", at: "2026-12-07T08:00:00Z", open: false, next: "2026-12-14T07:00:00.000Z" },
    // Kolkata is UTC+5:30: Tuesday 09:00 there is 03:30 UTC
    { name: "half-hour zone", hours: [24 + 9], zone: "Asia/Kolkata", at: "2026-12-07T12:00:00Z", open: false, next: "2026-12-08T03:30:00.000Z" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const grid = { hours: c.hours, timeZone: c.zone };
      expect(isOpenAt(grid, new Date(c.at))).toBe(c.open);
      expect(nextOpeningAfter(grid, new Date(c.at))?.toISOString() ?? null).toBe(c.next);
    });
  }

  it("the open stretch ends at the first empty hour, across a DST change", () => {
    // Sunday 2026-03-29 02:00 in Berlin jumps to 03:00: hours 1 and 3 of Sunday are adjacent instants.
    const sunday = 6 * 24;
    const grid = { hours: [sunday + 1, sunday + 3], timeZone: "Europe/Berlin" };
    expect(gridIndexAt("Europe/Berlin", Date.parse("2026-03-29T00:30:00Z"))).toBe(sunday + 1);
    expect(closingAfter(grid, new Date("2026-03-29T00:30:00Z"))?.toISOString()).toBe("2026-03-29T02:00:00.000Z");
    expect(closingAfter({ hours: [10], timeZone: "UTC" }, new Date("2026-12-07T10:10:00Z"))?.toISOString()).toBe("2026-12-07T11:00:00.000Z");
  });
});
