import { tzOffset } from "@date-fns/tz";

// SPEC 15 "Availability gates calls": a filled hour of the weekly grid, read in the
// provider's zone, is open; an empty grid is open whenever the provider is Available.
// Pure: the loops, start-call and the live status all ask the same two questions.

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** A week and a day of hours: enough to find the next filled hour across a DST change. */
const SEARCH_HOURS = 24 * 8;

export type OpenHours = { hours: readonly number[]; timeZone: string };

function wallClockOf(timeZone: string, instant: number): number {
  return instant + Math.round(tzOffset(timeZone, new Date(instant))) * MINUTE_MS;
}

/** The grid index (0..167, Monday 00:00 = 0) of the provider hour containing `instant`. */
export function gridIndexAt(timeZone: string, instant: number): number {
  const wall = new Date(wallClockOf(timeZone, instant));
  return ((wall.getUTCDay() + 6) % 7) * 24 + wall.getUTCHours();
}

export function isOpenAt(grid: OpenHours, at: Date): boolean {
  if (grid.hours.length === 0) return true;
  return grid.hours.includes(gridIndexAt(grid.timeZone, at.getTime()));
}

/**
 * When the open hours next begin after `at` (the start of the next filled hour), or null
 * when the grid has no filled hour at all. Steps from one provider wall-clock hour to the
 * next, so zones with half-hour offsets and clock changes land on the provider's hours.
 */
export function nextOpeningAfter(grid: OpenHours, at: Date): Date | null {
  if (grid.hours.length === 0) return null;
  const filled = new Set(grid.hours);
  let instant = at.getTime();
  for (let step = 0; step < SEARCH_HOURS; step += 1) {
    const intoHour = ((wallClockOf(grid.timeZone, instant) % HOUR_MS) + HOUR_MS) % HOUR_MS;
    instant += HOUR_MS - intoHour;
    if (filled.has(gridIndexAt(grid.timeZone, instant))) return new Date(instant);
  }
  return null;
}

/** When the current open stretch ends (the start of the first empty hour), or null if never. */
export function closingAfter(grid: OpenHours, at: Date): Date | null {
  if (grid.hours.length === 0) return null;
  const filled = new Set(grid.hours);
  let instant = at.getTime();
  for (let step = 0; step < SEARCH_HOURS; step += 1) {
    const intoHour = ((wallClockOf(grid.timeZone, instant) % HOUR_MS) + HOUR_MS) % HOUR_MS;
    instant += HOUR_MS - intoHour;
    if (!filled.has(gridIndexAt(grid.timeZone, instant))) return new Date(instant);
  }
  return null;
}
