/**
 * The block arithmetic of SPEC 5, 18 and 19, as pure functions of instants so that the
 * metering loop, the end-of-session settlement and the tests share one definition.
 *
 * Everything is measured in clock time: wall time since the clock started, less the time it
 * was paused (SPEC 19: dead air is not billed, and block boundaries move by the paused time).
 * Block i covers clock time [i·block, (i+1)·block). A block is owed once the clock has run
 * past its start, so ending exactly on a boundary owes nothing for the block that would begin
 * there. Block 0 of a later session is owed from the first second. Block 0 of a session on
 * the prepaid hold is the hold itself; it is released to the provider once the void window
 * has passed (or at the end, when the session was not void), because until then the customer
 * may still void the first session. No block at all is owed before the clock has run
 * `shortSessionSeconds` (SPEC 18: a session under 10 s is charged nothing).
 */
export type BillingSettings = { blockSeconds: number; voidSeconds: number; shortSessionSeconds?: number };

export type MeteredSession = {
  clockStartedAt: Date;
  /** Block 0 is the order's prepaid hold rather than a new charge. */
  usesPrepaidBlock: boolean;
  /** The order's first session whose clock started: only it may be void. */
  firstSession: boolean;
  /** Paused time of the pauses that ended (milliseconds). */
  pausedTotalMs?: number;
  /** The clock is paused since this instant. */
  pausedAt?: Date | null;
};

/** Clock time (ms) run at wall instant `at`: paused time excluded, never negative. */
export function clockMsAt(session: MeteredSession, at: Date): number {
  const until = session.pausedAt && session.pausedAt.getTime() < at.getTime() ? session.pausedAt.getTime() : at.getTime();
  return Math.max(0, until - session.clockStartedAt.getTime() - (session.pausedTotalMs ?? 0));
}

/** The clock time at which block `index` falls due. */
export function blockDueClockMs(session: MeteredSession, index: number, settings: BillingSettings): number {
  const shortMs = (settings.shortSessionSeconds ?? 0) * 1000;
  if (index === 0) return Math.max(shortMs, session.usesPrepaidBlock && session.firstSession ? voidWindowMs(settings) : 0);
  // A boundary block is owed only from the first instant after the boundary.
  return Math.max(shortMs, index * settings.blockSeconds * 1000 + 1);
}

/**
 * The wall instant block `index` falls due if the clock runs on from now without a pause;
 * the loop charges it once `now` reaches this instant. (While paused it is not due at all.)
 */
export function blockDueAt(session: MeteredSession, index: number, settings: BillingSettings): Date {
  return new Date(session.clockStartedAt.getTime() + (session.pausedTotalMs ?? 0) + blockDueClockMs(session, index, settings));
}

/** How many blocks a session owes in all (charged or not) once its clock has run `clockMs`. */
export function blocksOwedAtClock(session: MeteredSession, clockMs: number, settings: BillingSettings): number {
  let owed = 0;
  // Bounded: a session owes at most one block per elapsed block length, plus block 0.
  while (owed < 1_000_000 && clockMs >= blockDueClockMs(session, owed, settings)) owed += 1;
  return owed;
}

/** How many blocks a session still live at `now` owes in all (charged or not). */
export function blocksOwedWhileLive(session: MeteredSession, now: Date, settings: BillingSettings): number {
  return blocksOwedAtClock(session, clockMsAt(session, now), settings);
}

export type SessionEnding = { endedAt: Date; endedBy: "customer" | "provider" | "system" };

/** What a session owes when it ends: void, or the number of blocks in all. */
export function settleAtEnd(
  session: MeteredSession | null,
  ending: SessionEnding,
  settings: BillingSettings,
): { void: boolean; blocksOwed: number } {
  if (!session) return { void: false, blocksOwed: 0 };
  const elapsedMs = clockMsAt(session, ending.endedAt);
  if (session.firstSession && ending.endedBy === "customer" && elapsedMs < voidWindowMs(settings)) {
    return { void: true, blocksOwed: 0 };
  }
  // SPEC 18: a short session is charged nothing, whoever ended it.
  if (elapsedMs < (settings.shortSessionSeconds ?? 0) * 1000) return { void: false, blocksOwed: 0 };
  const blockMs = settings.blockSeconds * 1000;
  return { void: false, blocksOwed: Math.max(1, Math.ceil(elapsedMs / blockMs)) };
}

/**
 * The instant a low-balance warning is due for block `index`: `warningSeconds` before it,
 * never before the clock started. Block 0 of the prepaid hold needs none.
 */
export function lowBalanceWarningAt(session: MeteredSession, index: number, settings: BillingSettings & { warningSeconds: number }): Date | null {
  if (index === 0 && session.usesPrepaidBlock) return null;
  const due = blockDueAt(session, index, settings).getTime();
  return new Date(Math.max(session.clockStartedAt.getTime(), due - settings.warningSeconds * 1000));
}

// A void window longer than a block would let a first session run a boundary for free.
function voidWindowMs(settings: BillingSettings): number {
  return Math.min(settings.voidSeconds, settings.blockSeconds) * 1000;
}
