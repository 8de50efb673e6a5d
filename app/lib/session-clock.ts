import type { SessionView } from "../../contract/sessions.ts";

/**
 * The status line's arithmetic: seconds since the clock started (until the end, once
 * ended) and seconds left in the current block. Blocks run [k·block, (k+1)·block) from the
 * clock start, as the server charges them.
 */
export function describeSessionClock(session: Pick<SessionView, "clockStartedAt" | "endedAt" | "blockSeconds">, nowMs: number) {
  if (!session.clockStartedAt) return { started: false as const, elapsedSeconds: 0, blockLeftSeconds: session.blockSeconds };
  const start = Date.parse(session.clockStartedAt);
  const end = session.endedAt ? Math.min(Date.parse(session.endedAt), nowMs) : nowMs;
  const elapsedMs = Math.max(0, end - start);
  const blockMs = session.blockSeconds * 1000;
  const intoBlockMs = elapsedMs % blockMs;
  return { started: true as const, elapsedSeconds: elapsedMs / 1000, blockLeftSeconds: Math.ceil((blockMs - intoBlockMs) / 1000) };
}
