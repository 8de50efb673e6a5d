import { describe, expect, it } from "vitest";
import { HOURS_PER_WEEK, projectAvailability, type ProjectedWeek } from "./project-availability.ts";

// Cells are written "Mon 10" (day, hour); each expectation was worked out by hand from the
// 2026 transitions: the US on 8 March and 1 November, the EU on 29 March and 25 October.

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

function toIndex(cell: string): number {
  const [day, hour] = cell.split(" ");
  return DAYS.indexOf(day as (typeof DAYS)[number]) * 24 + Number(hour);
}

const label = (day: number, hour: number) => `${DAYS[day]} ${String(hour).padStart(2, "0")}`;

function listFilled(week: ProjectedWeek): string[] {
  return week.cells.flatMap((row, day) => row.flatMap((filled, hour) => (filled ? [label(day, hour)] : [])));
}

/** A Wednesday noon (UTC) inside the week that starts on the given Monday. */
const weekOf = (monday: string) => new Date(Date.parse(`${monday}T12:00:00Z`) + 2 * 86_400_000);

function project(provider: string, grid: string[], viewer: string, monday: string) {
  return projectAvailability({ hours: grid.map(toIndex), providerTimeZone: provider, viewerTimeZone: viewer, at: weekOf(monday) });
}

const MOSCOW = "Europe/Moscow";
const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";

describe("projectAvailability: a Moscow provider (no DST)", () => {
  it.each([
    // Moscow Monday and Sunday 10:00 (07:00 UTC) in Berlin: 08:00 in winter, 09:00 in summer.
    [BERLIN, "2026-02-16", ["Mon 08", "Sun 08"]],
    [BERLIN, "2026-03-02", ["Mon 08", "Sun 08"]],
    [BERLIN, "2026-03-09", ["Mon 08", "Sun 08"]],
    [BERLIN, "2026-03-23", ["Mon 08", "Sun 09"]],
    [BERLIN, "2026-03-30", ["Mon 09", "Sun 09"]],
    [BERLIN, "2026-10-19", ["Mon 09", "Sun 08"]],
    [BERLIN, "2026-10-26", ["Mon 08", "Sun 08"]],
    // In New York: 02:00 under EST, 03:00 under EDT; the US changes three weeks before the EU.
    [NEW_YORK, "2026-02-16", ["Mon 02", "Sun 02"]],
    [NEW_YORK, "2026-03-02", ["Mon 02", "Sun 03"]],
    [NEW_YORK, "2026-03-09", ["Mon 03", "Sun 03"]],
    [NEW_YORK, "2026-03-23", ["Mon 03", "Sun 03"]],
    [NEW_YORK, "2026-03-30", ["Mon 03", "Sun 03"]],
    [NEW_YORK, "2026-10-19", ["Mon 03", "Sun 03"]],
    [NEW_YORK, "2026-10-26", ["Mon 03", "Sun 02"]],
    [NEW_YORK, "2026-11-02", ["Mon 02", "Sun 02"]],
  ])("Mon 10 and Sun 10 seen from %s in the week of %s", (viewer, monday, expected) => {
    const week = project(MOSCOW, ["Mon 10", "Sun 10"], viewer, monday);
    expect(week.monday).toBe(monday);
    expect(listFilled(week)).toEqual(expected);
  });

  it("a Berlin viewer's 23-hour Sunday (29 March): 02:00 is skipped, the hours around it shift by one", () => {
    const week = project(MOSCOW, ["Sun 02", "Sun 03", "Sun 04", "Sun 05"], BERLIN, "2026-03-23");
    expect(listFilled(week)).toEqual(["Sun 00", "Sun 01", "Sun 03", "Sun 04"]);
    expect(week.skipped).toEqual([{ day: 6, hour: 2 }]);
    expect(week.repeated).toEqual([]);
  });

  it("a Berlin viewer's 25-hour Sunday (25 October): 02:00 shows its first occurrence", () => {
    // Berlin 02:00 CEST is Moscow 03:00 and 02:00 CET is Moscow 04:00; only the first is shown.
    const week = project(MOSCOW, ["Sun 02", "Sun 03", "Sun 04", "Sun 05"], BERLIN, "2026-10-19");
    expect(listFilled(week)).toEqual(["Sun 01", "Sun 02", "Sun 03"]);
    expect(week.repeated).toEqual([{ day: 6, hour: 2 }]);
    expect(week.skipped).toEqual([]);
    expect(listFilled(project(MOSCOW, ["Sun 04"], BERLIN, "2026-10-19"))).toEqual([]);
  });

  it("a New York viewer's 23-hour Sunday (8 March) and 25-hour Sunday (1 November)", () => {
    const spring = project(MOSCOW, ["Sun 08", "Sun 09", "Sun 10"], NEW_YORK, "2026-03-02");
    expect(listFilled(spring)).toEqual(["Sun 00", "Sun 01", "Sun 03"]);
    expect(spring.skipped).toEqual([{ day: 6, hour: 2 }]);
    const autumn = project(MOSCOW, ["Sun 07", "Sun 08", "Sun 09", "Sun 10"], NEW_YORK, "2026-10-26");
    expect(listFilled(autumn)).toEqual(["Sun 00", "Sun 01", "Sun 02"]);
    expect(autumn.repeated).toEqual([{ day: 6, hour: 1 }]);
  });

  it("every provider hour filled: 167 cells in a 23-hour week, 168 in a 25-hour one", () => {
    const all = Array.from({ length: HOURS_PER_WEEK }, (_, index) => index);
    const count = (monday: string) =>
      listFilled(projectAvailability({ hours: all, providerTimeZone: MOSCOW, viewerTimeZone: BERLIN, at: weekOf(monday) })).length;
    expect(count("2026-03-23")).toBe(167);
    expect(count("2026-10-19")).toBe(168);
    expect(count("2026-02-16")).toBe(168);
  });
});

describe("projectAvailability: providers whose own clocks change", () => {
  it.each([
    // Berlin Monday 09:00 is Moscow 11:00 in winter and 10:00 in summer.
    ["2026-02-16", ["Mon 11", "Sun 03", "Sun 04", "Sun 05"]],
    // Berlin's Sunday 02:00 on 29 March never happens: three provider hours, two cells.
    ["2026-03-23", ["Mon 11", "Sun 03", "Sun 04"]],
    ["2026-03-30", ["Mon 10", "Sun 02", "Sun 03", "Sun 04"]],
    // Berlin's Sunday 02:00 on 25 October happens twice: three provider hours, four cells.
    ["2026-10-19", ["Mon 10", "Sun 02", "Sun 03", "Sun 04", "Sun 05"]],
    ["2026-10-26", ["Mon 11", "Sun 03", "Sun 04", "Sun 05"]],
  ])("a Berlin provider seen from Moscow in the week of %s", (monday, expected) => {
    const week = project(BERLIN, ["Mon 09", "Sun 01", "Sun 02", "Sun 03"], MOSCOW, monday);
    expect(listFilled(week)).toEqual(expected);
    expect([week.skipped, week.repeated]).toEqual([[], []]);
  });

  it.each([
    [BERLIN, "2026-02-16", ["Mon 15", "Sun 07"]],
    // New York is already on EDT, Berlin still on CET: five hours apart instead of six.
    [BERLIN, "2026-03-09", ["Mon 14", "Sun 06"]],
    [BERLIN, "2026-03-30", ["Mon 15", "Sun 07"]],
    // New York's Sunday 01:00 on 1 November happens twice (EDT, then EST).
    [BERLIN, "2026-10-26", ["Mon 14", "Sun 06", "Sun 07"]],
    [MOSCOW, "2026-02-16", ["Mon 17", "Sun 09"]],
    [MOSCOW, "2026-10-26", ["Mon 16", "Sun 08", "Sun 09"]],
  ])("a New York provider seen from %s in the week of %s", (viewer, monday, expected) => {
    expect(listFilled(project(NEW_YORK, ["Mon 09", "Sun 01"], viewer, monday))).toEqual(expected);
  });
});

describe("projectAvailability: the same zone", () => {
  const grid = [0, 9, 10, 11, 33, 50, 100, 145, 146, 147, 160, 167];

  it.each([
    [MOSCOW, "2026-03-23"],
    [BERLIN, "2026-02-16"],
    [BERLIN, "2026-10-19"],
    [NEW_YORK, "2026-10-26"],
    ["Asia/Kolkata", "2026-06-01"],
  ])("%s onto itself in the week of %s is the identity", (zone, monday) => {
    const week = projectAvailability({ hours: grid, providerTimeZone: zone, viewerTimeZone: zone, at: weekOf(monday) });
    expect(week.cells.flat().flatMap((filled, index) => (filled ? [index] : []))).toEqual(grid);
    expect(week.providerHourStartMinute).toBe(0);
  });

  it("except for an hour the clocks skip, which cannot be filled", () => {
    const week = projectAvailability({ hours: grid, providerTimeZone: BERLIN, viewerTimeZone: BERLIN, at: weekOf("2026-03-23") });
    expect(week.cells.flat().flatMap((filled, index) => (filled ? [index] : []))).toEqual(grid.filter((index) => index !== 146));
  });
});

describe("projectAvailability: half-hour zones", () => {
  it.each([
    // Moscow 10:00–12:00 is 12:30–14:30 in India: the cells that begin inside it are 13 and 14.
    [MOSCOW, ["Mon 10", "Mon 11"], "Asia/Kolkata", ["Mon 13", "Mon 14"], 30],
    // Moscow 10:00–11:00 is 12:45–13:45 in Nepal.
    [MOSCOW, ["Mon 10"], "Asia/Kathmandu", ["Mon 13"], 45],
    // India 13:00–14:00 is Moscow 10:30–11:30.
    ["Asia/Kolkata", ["Mon 13"], MOSCOW, ["Mon 11"], 30],
    // Newfoundland (−2:30 in summer) and Berlin (+2) are 4:30 apart.
    ["America/St_Johns", ["Wed 12"], BERLIN, ["Wed 17"], 30],
  ])("%s %j seen from %s", (provider, grid, viewer, expected, minute) => {
    const week = project(provider, grid, viewer, "2026-06-01");
    expect(listFilled(week)).toEqual(expected);
    expect(week.providerHourStartMinute).toBe(minute);
  });
});

describe("projectAvailability: which week", () => {
  it.each([
    // 23:30 UTC on Sunday 29 March is already Monday in Berlin and Moscow, still Sunday in New York.
    ["2026-03-29T23:30:00Z", BERLIN, "2026-03-30"],
    ["2026-03-29T23:30:00Z", MOSCOW, "2026-03-30"],
    ["2026-03-29T23:30:00Z", NEW_YORK, "2026-03-23"],
    // Midnight in the viewer's zone starts the week.
    ["2026-03-29T22:00:00Z", BERLIN, "2026-03-30"],
    ["2026-03-29T21:59:59Z", BERLIN, "2026-03-23"],
    ["2026-11-02T05:00:00Z", NEW_YORK, "2026-11-02"],
    ["2026-11-02T04:59:59Z", NEW_YORK, "2026-10-26"],
  ])("%s in %s is in the week of %s", (at, viewer, monday) => {
    const week = projectAvailability({ hours: [], providerTimeZone: MOSCOW, viewerTimeZone: viewer, at: new Date(at) });
    expect(week.monday).toBe(monday);
    expect(week.cells).toHaveLength(7);
    expect(week.cells.every((row) => row.length === 24 && row.every((filled) => !filled))).toBe(true);
  });
});
