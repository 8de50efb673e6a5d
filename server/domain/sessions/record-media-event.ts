import { and, eq, lt, or, isNull } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { pauseSessionClock } from "./pause-session-clock.ts";
import { recordMediaQuality } from "./record-media-quality.ts";
import { recordPartyBack } from "./record-party-back.ts";
import { recordPartyLost } from "./record-party-lost.ts";
import { resumeSessionClock } from "./resume-session-clock.ts";
import { startSessionClock } from "./start-session-clock.ts";

export type MediaEvent =
  | { type: "provider-media-forwarded"; roomId: string; at: Date }
  | { type: "provider-media-seen"; roomId: string; at: Date; observedMs?: number; impairedMs?: number }
  | { type: "provider-media-stalled"; roomId: string; at: Date }
  | { type: "party-connected"; roomId: string; role: "provider" | "customer"; at: Date }
  | { type: "party-disconnected"; roomId: string; role: "provider" | "customer"; reason: string; at: Date };

/**
 * What the media server reports (it never writes the database). The provider's media reaching
 * the customer starts the clock (SPEC 5), or resumes it after a stall; while it flows, its
 * progress is the evidence blocks are charged on; a stall pauses the clock at the last packet
 * (SPEC 19). A party whose peer dropped without leaving is lost, and may rejoin within the grace.
 */
export async function recordMediaEvent(ctx: AppContext, event: MediaEvent) {
  switch (event.type) {
    case "provider-media-forwarded":
      if (!(await startSessionClock(ctx, { sessionId: event.roomId, at: event.at }))) {
        await resumeSessionClock(ctx, { sessionId: event.roomId, at: event.at });
      }
      return;
    case "provider-media-seen": {
      // No lock and no announcement: only the metering loop reads it, and it only grows.
      const [seen] = await ctx.db
        .update(consultationSessions)
        .set({ mediaSeenAt: event.at })
        .where(
          and(
            eq(consultationSessions.id, event.roomId),
            eq(consultationSessions.status, "live"),
            or(isNull(consultationSessions.mediaSeenAt), lt(consultationSessions.mediaSeenAt, event.at)),
          ),
        )
        .returning({ pausedAt: consultationSessions.pausedAt });
      // Media flowing while the clock is paused: the pause came from outside the SFU that sees
      // it flow (its previous node died and the room moved), so the clock runs on from here.
      if (seen?.pausedAt && seen.pausedAt < event.at) await resumeSessionClock(ctx, { sessionId: event.roomId, at: event.at });
      await recordMediaQuality(ctx, { sessionId: event.roomId, at: event.at, observedMs: event.observedMs ?? 0, impairedMs: event.impairedMs ?? 0 });
      return;
    }
    case "provider-media-stalled":
      await pauseSessionClock(ctx, { sessionId: event.roomId, at: event.at });
      return;
    case "party-connected":
      await recordPartyBack(ctx, { sessionId: event.roomId, role: event.role, at: event.at });
      return;
    case "party-disconnected":
      await recordPartyLost(ctx, { sessionId: event.roomId, role: event.role, at: event.at });
      return;
  }
}
