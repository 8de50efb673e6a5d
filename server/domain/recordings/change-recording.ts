import { and, eq } from "drizzle-orm";
import { sessionRecordings } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { loadSessionFor } from "../sessions/session-view.ts";
import { announceRecording, findOpenRecording, toRecordingState } from "./recording-state.ts";
import { storeRecordedTracks } from "./store-recorded-tracks.ts";

/**
 * `POST /sessions/{id}/recording` (SPEC 18): either party asks; recording starts only when the
 * other consents, in the session; either stops it (or withdraws an ask). Each step is a
 * guarded update; the SFU is told after the commit, and both pages learn the new state.
 */
export async function changeRecording(ctx: AppContext, input: { sessionId: string; userId: string; action: "ask" | "consent" | "stop" }) {
  const { row: session } = await loadSessionFor(ctx.db, input.sessionId, input.userId);
  const now = ctx.now();
  const open = await findOpenRecording(ctx.db, session.id);

  if (input.action === "ask") {
    if (session.status !== "live") throw new AppError("invalid_state", "Recording is possible only during a live session.");
    if (session.medium !== "video") throw new AppError("invalid_state", "Only video sessions are recorded; a text session keeps its conversation.");
    if (open) throw new AppError("conflict", "A recording was already asked for in this session.", { details: { reason: "recording_open" } });
    const [asked] = await ctx.db.insert(sessionRecordings).values({ sessionId: session.id, askedBy: input.userId, askedAt: now }).onConflictDoNothing().returning();
    if (!asked) throw new AppError("conflict", "A recording was already asked for in this session.", { details: { reason: "recording_open" } });
    const state = toRecordingState(session, asked);
    announceRecording(ctx, session, state);
    return state;
  }

  if (input.action === "consent") {
    if (!open || open.status !== "asked") throw new AppError("invalid_state", "Nobody asked to record.");
    if (open.askedBy === input.userId) throw new AppError("forbidden", "The other party has to consent to your request.");
    if (session.status !== "live") throw new AppError("invalid_state", "Recording is possible only during a live session.");
    const [started] = await ctx.db
      .update(sessionRecordings)
      .set({ status: "recording", startedAt: now })
      .where(and(eq(sessionRecordings.id, open.id), eq(sessionRecordings.status, "asked")))
      .returning();
    if (!started) throw new AppError("invalid_state", "This request to record was withdrawn.");
    try {
      await ctx.media.startRecording(session.id);
    } catch (error) {
      // The room is gone (the session ended meanwhile): the consent records nothing.
      await ctx.db.update(sessionRecordings).set({ status: "stopped", stoppedAt: now }).where(and(eq(sessionRecordings.id, open.id), eq(sessionRecordings.status, "recording")));
      announceRecording(ctx, session, toRecordingState(session, null));
      throw error instanceof AppError ? error : new AppError("invalid_state", "The session's media is not connected.");
    }
    const state = toRecordingState(session, started);
    announceRecording(ctx, session, state);
    return state;
  }

  if (!open) throw new AppError("invalid_state", "Nothing is being recorded.");
  const [stopped] = await ctx.db
    .update(sessionRecordings)
    .set({ status: "stopped", stoppedAt: now, stoppedBy: input.userId })
    .where(and(eq(sessionRecordings.id, open.id), eq(sessionRecordings.status, open.status)))
    .returning();
  if (!stopped) throw new AppError("invalid_state", "The recording already stopped.");
  const state = toRecordingState(session, null);
  announceRecording(ctx, session, state);
  if (open.status === "recording") await storeRecordedTracks(ctx, { sessionId: session.id, tracks: await ctx.media.stopRecording(session.id) });
  return state;
}
