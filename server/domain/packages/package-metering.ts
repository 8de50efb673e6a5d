import { blockDueAt, blocksOwedAtClock, clockMsAt, type BillingSettings, type MeteredSession } from "../sessions/billing-rules.ts";

/** SPEC 18 draws a package per started minute of clock time. */
export const MINUTE_MS = 60_000;

type PackageSessionFields = { packagePurchaseId: string | null; blocksFromClockMs: number | null };

/** Whether the session is drawing minutes now (a package paid its clock from the start, and has not run out). */
export function drawsMinutes(row: PackageSessionFields): boolean {
  return row.packagePurchaseId !== null && row.blocksFromClockMs === null;
}

function minuteSettings(settings: BillingSettings): BillingSettings {
  return { blockSeconds: MINUTE_MS / 1000, voidSeconds: 0, shortSessionSeconds: settings.shortSessionSeconds };
}

function minuteMetered(metered: MeteredSession): MeteredSession {
  return { ...metered, usesPrepaidBlock: false, firstSession: false };
}

/**
 * Minutes a package session owes once its clock has run `clockMs`: minute i is owed from the
 * first instant after it began (minute 0 from the start), none before the short-session
 * threshold — the block rules with a one-minute block, so both count time alike.
 */
export function minutesOwedAtClock(metered: MeteredSession, clockMs: number, settings: BillingSettings): number {
  return blocksOwedAtClock(minuteMetered(metered), clockMs, minuteSettings(settings));
}

export function minutesOwedAt(metered: MeteredSession, at: Date, settings: BillingSettings): number {
  return minutesOwedAtClock(metered, clockMsAt(metered, at), settings);
}

/** The wall instant minute `index` falls due if the clock runs on without a pause. */
export function minuteDueAt(metered: MeteredSession, index: number, settings: BillingSettings): Date {
  return blockDueAt(minuteMetered(metered), index, minuteSettings(settings));
}

/**
 * The block metering of a session on a package (SPEC 18: when the minutes run out, billing
 * continues in blocks from the balance): blocks count from clock time `blocksFromClockMs`,
 * block 0 owed at once and from the balance. Shifting the clock's start by that much moves
 * every boundary with it; the pauses still count as they did. Null while minutes are drawn.
 */
export function blockMeteredOf(row: PackageSessionFields, metered: MeteredSession | null): MeteredSession | null {
  if (!metered || row.packagePurchaseId === null) return metered;
  if (row.blocksFromClockMs === null) return null;
  return {
    ...metered,
    clockStartedAt: new Date(metered.clockStartedAt.getTime() + row.blocksFromClockMs),
    usesPrepaidBlock: false,
    firstSession: false,
  };
}

/**
 * The billing settings for blocks after a package: a session that drew a minute is past any
 * short-session threshold, so its first block is owed at once.
 */
export function blockSettingsOf<T extends BillingSettings>(row: PackageSessionFields, settings: T): T {
  return row.packagePurchaseId === null || !row.blocksFromClockMs ? settings : { ...settings, shortSessionSeconds: 0 };
}
