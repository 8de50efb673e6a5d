import type { AppContext } from "../../context.ts";
import { endSessionBySystem } from "./end-session-by-system.ts";
import { startSessionClock } from "./start-session-clock.ts";

export type MediaEvent =
  | { type: "provider-media-forwarded"; roomId: string; at: Date }
  | { type: "media-stopped"; roomId: string; role: "provider" | "customer"; reason: string; at: Date };

/**
 * What the media server reports (it never writes the database): the provider's first packet
 * reaching the customer starts the clock (SPEC 5); a party's media stopping ends the session
 * at that instant, so nobody pays for a call that is no longer there.
 */
export async function recordMediaEvent(ctx: AppContext, event: MediaEvent) {
  if (event.type === "provider-media-forwarded") {
    await startSessionClock(ctx, { sessionId: event.roomId, at: event.at });
  } else {
    await endSessionBySystem(ctx, { sessionId: event.roomId, endedAt: event.at, reason: "media_stopped" });
  }
}
