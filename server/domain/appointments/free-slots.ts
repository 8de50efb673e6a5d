import { tzOffset } from "@date-fns/tz";
import { gridIndexAt, type OpenHours } from "../availability/open-hours.ts";

// SPEC 16 "Booking": free start times from the provider's weekly grid, read in the
// provider's zone (so a daylight-saving change moves the instants, not the provider's
// hours), minus the lead time and the provider's pending and accepted appointments.
// Pure: the slots endpoint and booking ask the same question.

const MINUTE_MS = 60_000;

export type BusyInterval = { startsAt: Date; endsAt: Date };

export type SlotQuery = {
  grid: OpenHours;
  from: Date;
  to: Date;
  /** The booked length: blocks × block length. */
  lengthMs: number;
  /** Start times fall on multiples of this (15 minutes divides every real zone's offset). */
  stepMs: number;
  /** The earliest start allowed: now + APPOINTMENT_LEAD_MINUTES. */
  earliest: Date;
  busy: readonly BusyInterval[];
};

/** Whether every instant of [start, start + length) is inside a filled hour of the grid. */
export function fitsOpenHours(grid: OpenHours, start: number, lengthMs: number, stepMs: number): boolean {
  // An empty grid offers no bookable hours (it means "no schedule", not "always").
  if (grid.hours.length === 0) return false;
  const filled = new Set(grid.hours);
  // Open hours change only at the provider's hour boundaries, which are multiples of the
  // step; checking each step inside the interval covers every hour it touches.
  for (let instant = start; instant < start + lengthMs; instant += stepMs) {
    if (!filled.has(gridIndexAt(grid.timeZone, instant))) return false;
  }
  return filled.has(gridIndexAt(grid.timeZone, start + lengthMs - 1));
}

export function overlapsBusy(busy: readonly BusyInterval[], start: number, end: number): boolean {
  return busy.some((interval) => interval.startsAt.getTime() < end && start < interval.endsAt.getTime());
}

/** Whether `start` may be booked: on the step, after the lead time, in open hours, not overlapping. */
export function isFreeStart(query: Omit<SlotQuery, "from" | "to">, start: Date): boolean {
  const instant = start.getTime();
  return (
    instant % query.stepMs === 0 &&
    instant >= query.earliest.getTime() &&
    fitsOpenHours(query.grid, instant, query.lengthMs, query.stepMs) &&
    !overlapsBusy(query.busy, instant, instant + query.lengthMs)
  );
}

/** Every free start time in [from, to), ascending. */
export function listFreeStarts(query: SlotQuery): Date[] {
  const first = Math.ceil(Math.max(query.from.getTime(), query.earliest.getTime()) / query.stepMs) * query.stepMs;
  const starts: Date[] = [];
  for (let instant = first; instant < query.to.getTime(); instant += query.stepMs) {
    if (isFreeStart(query, new Date(instant))) starts.push(new Date(instant));
  }
  return starts;
}

/** The wall-clock minute of `instant` in `timeZone`, as `YYYY-MM-DDTHH:mm` (what a person there reads). */
export function formatWallClock(instant: Date, timeZone: string): string {
  const wall = instant.getTime() + Math.round(tzOffset(timeZone, instant)) * MINUTE_MS;
  return new Date(wall).toISOString().slice(0, 16);
}
