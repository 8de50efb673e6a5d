import type { AppContext } from "../../context.ts";
import { pauseSessionClock } from "./pause-session-clock.ts";

/**
 * The SFU node carrying a video session's room died (SPEC 19, Scale): nobody is left to report
 * the media stopping, so the clock pauses from the node's last lease, the last time it saw the
 * provider's media reach the customer. Nothing after that is charged; a block charged past it
 * is given back. The pages rejoin on a live node, and the media flowing there resumes the clock.
 */
export async function pauseForLostMedia(ctx: AppContext, input: { sessionId: string }) {
  return pauseSessionClock(ctx, { sessionId: input.sessionId, at: (row) => (row.medium === "video" ? (row.mediaSeenAt ?? row.clockStartedAt) : null) });
}
