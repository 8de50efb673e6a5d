// When the order card and the session summary offer "Leave a review" (SPEC 18): a session
// that ended with a block paid and kept. The review page itself asks the server whether a
// review can still be written; these only decide whether to show the way there.

import type { SessionView } from "../../contract/sessions.ts";

const REVIEW_WINDOW_MS = 7 * 24 * 60 * 60_000;

export function hasPaidBlock(session: Pick<SessionView, "status" | "void" | "blocksCharged" | "blocksCredited" | "endedAt">): boolean {
  return session.status === "ended" && session.endedAt !== null && !session.void && session.blocksCharged - session.blocksCredited > 0;
}

export function reviewWindowOpen(session: Pick<SessionView, "endedAt">, nowMs: number): boolean {
  return session.endedAt !== null && nowMs < Date.parse(session.endedAt) + REVIEW_WINDOW_MS;
}
