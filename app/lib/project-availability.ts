import { tzOffset } from "@date-fns/tz";

// The weekly availability grid (SPEC 9) is kept as hour indexes of a week in the
// provider's zone (Monday 00:00 = 0). A viewer elsewhere sees a concrete week of their own,
// so each of their hours is turned into a real instant and looked up in the provider's
// grid: fixed offsets would be wrong in the weeks when only one side changes its clocks.
// Pure and free of server imports: the pages run it in the browser with the viewer's zone.

/** The contract's HOURS_PER_WEEK (contract/availability.ts): pages import only types from there. */
export const HOURS_PER_WEEK = 168;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export type DayHour = { day: number; hour: number };

export type ProjectedWeek = {
  /** The viewer's Monday of the week shown, as "YYYY-MM-DD". */
  monday: string;
  /** `cells[day][hour]` in the viewer's zone, day 0 = Monday: true when consultations are possible. */
  cells: boolean[][];
  /** Viewer hours that do not happen this week (clocks jump over them); never filled. */
  skipped: DayHour[];
  /** Viewer hours that happen twice this week (clocks go back); the cell shows the first. */
  repeated: DayHour[];
  /**
   * Minutes past each viewer hour at which the provider's hours begin: 0 when the zones
   * differ by whole hours, 30 for Moscow seen from India, 45 seen from Nepal. Cells then
   * show the hour that begins inside a provider hour (see `projectAvailability`).
   */
  providerHourStartMinute: number;
};

function getOffsetMs(timeZone: string, instant: number): number {
  return Math.round(tzOffset(timeZone, new Date(instant))) * MINUTE_MS;
}

/** Wall-clock time in `timeZone`, written as if it were UTC milliseconds. */
function toWallClock(timeZone: string, instant: number): number {
  return instant + getOffsetMs(timeZone, instant);
}

/**
 * The instants at which the clock in `timeZone` reads `wallClock`, earliest first: none
 * inside a spring-forward gap, two inside an hour repeated when clocks go back. Probing the
 * offsets a day either side finds both sides of a transition (zones change at most once
 * within two days).
 */
function findInstants(timeZone: string, wallClock: number): number[] {
  const offsets = new Set([
    getOffsetMs(timeZone, wallClock - DAY_MS),
    getOffsetMs(timeZone, wallClock),
    getOffsetMs(timeZone, wallClock + DAY_MS),
  ]);
  const instants = [...offsets].map((offset) => wallClock - offset).filter((instant) => toWallClock(timeZone, instant) === wallClock);
  return [...new Set(instants)].sort((a, b) => a - b);
}

/** The grid index (0..167) of the provider hour that contains `instant`. */
function findProviderHourIndex(providerTimeZone: string, instant: number): number {
  const wall = new Date(toWallClock(providerTimeZone, instant));
  const dayFromMonday = (wall.getUTCDay() + 6) % 7;
  return dayFromMonday * 24 + wall.getUTCHours();
}

/**
 * Maps a provider's grid onto the viewer's week that contains `at` (weeks start on Monday
 * in the viewer's zone).
 *
 * Rule: a viewer cell is filled when the provider's grid covers the instant at which that
 * viewer hour starts. It follows that
 * - an hour the viewer's clocks skip has no instant and is never filled (listed in `skipped`);
 * - an hour the viewer's clocks repeat shows its first occurrence (listed in `repeated`);
 * - an hour the provider's clocks skip covers no instant, and one they repeat covers two;
 * - across zones that differ by a fraction of an hour, a run of N provider hours shows as N
 *   viewer cells, shifted to the viewer hours that begin inside it.
 */
export function projectAvailability(input: {
  hours: readonly number[];
  providerTimeZone: string;
  viewerTimeZone: string;
  at: Date;
}): ProjectedWeek {
  const filled = new Set(input.hours);
  const viewerNow = toWallClock(input.viewerTimeZone, input.at.getTime());
  const today = Math.floor(viewerNow / DAY_MS) * DAY_MS;
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;

  const cells: boolean[][] = [];
  const skipped: DayHour[] = [];
  const repeated: DayHour[] = [];
  let providerHourStartMinute = 0;
  for (let day = 0; day < 7; day++) {
    const row: boolean[] = [];
    for (let hour = 0; hour < 24; hour++) {
      const [first, ...later] = findInstants(input.viewerTimeZone, monday + day * DAY_MS + hour * HOUR_MS);
      if (first === undefined) {
        skipped.push({ day, hour });
        row.push(false);
        continue;
      }
      if (later.length > 0) repeated.push({ day, hour });
      row.push(filled.has(findProviderHourIndex(input.providerTimeZone, first)));
      const providerMinute = new Date(toWallClock(input.providerTimeZone, first)).getUTCMinutes();
      if (providerHourStartMinute === 0 && providerMinute !== 0) providerHourStartMinute = 60 - providerMinute;
    }
    cells.push(row);
  }
  return { monday: new Date(monday).toISOString().slice(0, 10), cells, skipped, repeated, providerHourStartMinute };
}
