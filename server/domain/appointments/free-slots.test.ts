import { describe, expect, it } from "vitest";
import { formatWallClock, isFreeStart, listFreeStarts } from "./free-slots.ts";

const MIN = 60_000;
// 2027-03-22 is a Monday; Berlin moves to summer time on Sunday 2027-03-28 at 02:00.
describe("free start times", () => {
  const base = { lengthMs: 30 * MIN, stepMs: 15 * MIN, earliest: new Date("2027-03-01T00:00:00Z"), busy: [] };

  it("fits the booking inside filled hours, on the step, after the lead time", () => {
    const grid = { hours: [10], timeZone: "Europe/Moscow" }; // Monday 10:00–11:00 Moscow = 07:00–08:00 UTC
    const starts = listFreeStarts({ ...base, grid, from: new Date("2027-03-22T00:00:00Z"), to: new Date("2027-03-23T00:00:00Z") });
    expect(starts.map((d) => d.toISOString())).toEqual(["2027-03-22T07:00:00.000Z", "2027-03-22T07:15:00.000Z", "2027-03-22T07:30:00.000Z"]);
    expect(isFreeStart({ ...base, grid }, new Date("2027-03-22T07:05:00Z"))).toBe(false);
    expect(isFreeStart({ ...base, grid, earliest: new Date("2027-03-22T07:20:00Z") }, new Date("2027-03-22T07:15:00Z"))).toBe(false);
  });

  it("leaves out pending and accepted bookings, touching ends allowed", () => {
    const grid = { hours: [10, 11], timeZone: "Europe/Moscow" };
    const busy = [{ startsAt: new Date("2027-03-22T07:30:00Z"), endsAt: new Date("2027-03-22T08:00:00Z") }];
    const starts = listFreeStarts({ ...base, grid, busy, from: new Date("2027-03-22T00:00:00Z"), to: new Date("2027-03-23T00:00:00Z") });
    expect(starts.map((d) => d.toISOString().slice(11, 16))).toEqual(["07:00", "08:00", "08:15", "08:30"]);
  });

  it("an empty grid offers nothing", () => {
    expect(listFreeStarts({ ...base, grid: { hours: [], timeZone: "UTC" }, from: new Date("2027-03-22T00:00:00Z"), to: new Date("2027-03-29T00:00:00Z") })).toEqual([]);
  });

  it("the provider's hours stay put across their own clock change; the missing hour offers nothing", () => {
    const sunday = 6 * 24;
    const grid = { hours: [sunday + 2, sunday + 10], timeZone: "Europe/Berlin" };
    const week = (from: string, to: string) =>
      listFreeStarts({ ...base, lengthMs: 15 * MIN, grid, from: new Date(from), to: new Date(to) }).map((d) => formatWallClock(d, "Europe/Berlin"));
    expect(week("2027-03-21T00:00:00Z", "2027-03-22T00:00:00Z")).toEqual([
      "2027-03-21T02:00", "2027-03-21T02:15", "2027-03-21T02:30", "2027-03-21T02:45",
      "2027-03-21T10:00", "2027-03-21T10:15", "2027-03-21T10:30", "2027-03-21T10:45",
    ]);
    // 02:00–03:00 does not exist on 2027-03-28 in Berlin; 10:00 is now 08:00 UTC.
    expect(week("2027-03-28T00:00:00Z", "2027-03-29T00:00:00Z")).toEqual(["2027-03-28T10:00", "2027-03-28T10:15", "2027-03-28T10:30", "2027-03-28T10:45"]);
  });

  it("labels an instant in any zone", () => {
    expect(formatWallClock(new Date("2027-03-27T07:00:00Z"), "Europe/Berlin")).toBe("2027-03-27T08:00");
    expect(formatWallClock(new Date("2027-03-29T07:00:00Z"), "Europe/Berlin")).toBe("2027-03-29T09:00");
    expect(formatWallClock(new Date("2027-03-13T07:00:00Z"), "America/New_York")).toBe("2027-03-13T02:00");
    expect(formatWallClock(new Date("2027-03-15T07:00:00Z"), "America/New_York")).toBe("2027-03-15T03:00");
  });
});
