import type { SessionView } from "../../contract/sessions.ts";

type ClockFields = Pick<SessionView, "clockStartedAt" | "endedAt" | "blockSeconds"> & Partial<Pick<SessionView, "pausedAt" | "pausedTotalMs">>;

/**
 * The status line's arithmetic: clock time since the clock started (until the end, once
 * ended), paused time excluded (SPEC 19), and seconds left in the current block. Blocks run
 * [k·block, (k+1)·block) of clock time, as the server charges them.
 */
export function describeSessionClock(session: ClockFields, nowMs: number) {
  if (!session.clockStartedAt) return { started: false as const, paused: false, elapsedSeconds: 0, blockLeftSeconds: session.blockSeconds };
  const start = Date.parse(session.clockStartedAt);
  let end = session.endedAt ? Math.min(Date.parse(session.endedAt), nowMs) : nowMs;
  if (session.pausedAt) end = Math.min(end, Date.parse(session.pausedAt));
  const elapsedMs = Math.max(0, end - start - (session.pausedTotalMs ?? 0));
  const blockMs = session.blockSeconds * 1000;
  const intoBlockMs = elapsedMs % blockMs;
  return {
    started: true as const,
    paused: Boolean(session.pausedAt) && !session.endedAt,
    elapsedSeconds: elapsedMs / 1000,
    blockLeftSeconds: Math.ceil((blockMs - intoBlockMs) / 1000),
  };
}
