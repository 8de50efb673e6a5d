/**
 * The block arithmetic of SPEC 5, as pure functions of instants so that the metering loop,
 * the end-of-session settlement and the tests share one definition.
 *
 * Block i of a session covers [clock + i·block, clock + (i+1)·block). A block is owed once
 * the session is live at any instant after its start, so ending exactly on a boundary
 * second owes nothing for the block that would begin there. Block 0 of a later session is
 * owed from the first second. Block 0 of a session on the prepaid hold is the hold itself;
 * it is released to the provider once the void window has passed (or at the end, when the
 * session was not void), because until then the customer may still void the first session.
 */
export type BillingSettings = { blockSeconds: number; voidSeconds: number };

export type MeteredSession = {
  clockStartedAt: Date;
  /** Block 0 is the order's prepaid hold rather than a new charge. */
  usesPrepaidBlock: boolean;
  /** The order's first session whose clock started: only it may be void. */
  firstSession: boolean;
};

/** When block `index` falls due; the loop charges it once `now` reaches this instant. */
export function blockDueAt(session: MeteredSession, index: number, settings: BillingSettings): Date {
  const start = session.clockStartedAt.getTime();
  if (index === 0) {
    return new Date(session.usesPrepaidBlock && session.firstSession ? start + voidWindowMs(settings) : start);
  }
  // A boundary block is owed only from the first instant after the boundary.
  return new Date(start + index * settings.blockSeconds * 1000 + 1);
}

/** How many blocks a session still live at `now` owes in all (charged or not). */
export function blocksOwedWhileLive(session: MeteredSession, now: Date, settings: BillingSettings): number {
  let owed = 0;
  // Bounded: a session owes at most one block per elapsed block length, plus block 0.
  while (owed < 1_000_000 && now.getTime() >= blockDueAt(session, owed, settings).getTime()) owed += 1;
  return owed;
}

export type SessionEnding = { endedAt: Date; endedBy: "customer" | "provider" | "system" };

/** What a session owes when it ends: void, or the number of blocks in all. */
export function settleAtEnd(
  session: MeteredSession | null,
  ending: SessionEnding,
  settings: BillingSettings,
): { void: boolean; blocksOwed: number } {
  if (!session) return { void: false, blocksOwed: 0 };
  const elapsedMs = Math.max(0, ending.endedAt.getTime() - session.clockStartedAt.getTime());
  if (session.firstSession && ending.endedBy === "customer" && elapsedMs < voidWindowMs(settings)) {
    return { void: true, blocksOwed: 0 };
  }
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
