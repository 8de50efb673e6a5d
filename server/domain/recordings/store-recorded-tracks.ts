import fs from "node:fs";
import fsp from "node:fs/promises";
import { and, desc, eq, inArray } from "drizzle-orm";
import { consultationSessions, recordingFiles, sessionRecordings } from "../../../db/schema.ts";
import type { AppContext, RecordedTrackFile } from "../../context.ts";
import { announceRecording, toRecordingState } from "./recording-state.ts";

/** SPEC 18: both parties can use a recording for 30 days. */
export const RECORDING_KEEP_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_RECORDING_BYTES = 20 * 1024 * 1024 * 1024;

/**
 * Moves the files the SFU wrote into the file storage and lists them under the session's
 * recording, which ends here if it was still running (the room closed with the session).
 * A file already stored (the same temporary path reported twice) is not stored again.
 */
export async function storeRecordedTracks(ctx: AppContext, input: { sessionId: string; tracks: RecordedTrackFile[] }) {
  const [session] = await ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, input.sessionId));
  if (!session) return 0;
  const now = ctx.now();
  // The recording the files belong to: the running one, or the one stopped last.
  const [running] = await ctx.db
    .update(sessionRecordings)
    .set({ status: "stopped", stoppedAt: now })
    .where(and(eq(sessionRecordings.sessionId, session.id), inArray(sessionRecordings.status, ["asked", "recording"])))
    .returning();
  const [recording] = running
    ? [running]
    : await ctx.db.select().from(sessionRecordings).where(eq(sessionRecordings.sessionId, session.id)).orderBy(desc(sessionRecordings.askedAt)).limit(1);
  if (running) announceRecording(ctx, session, toRecordingState(session, null));
  if (!recording) return 0;
  let stored = 0;
  for (const track of input.tracks) {
    if (track.sizeBytes <= 0 || !fs.existsSync(track.path)) continue;
    const { key, sizeBytes } = await ctx.storage.put(fs.createReadStream(track.path), { maxBytes: MAX_RECORDING_BYTES });
    await ctx.db.insert(recordingFiles).values({
      recordingId: recording.id,
      sessionId: session.id,
      role: track.role,
      kind: track.kind,
      storageKey: key,
      contentType: track.contentType,
      sizeBytes,
      durationMs: Math.round(track.durationMs),
      startedAt: new Date(track.startedAtMs),
      endedAt: new Date(track.endedAtMs),
      expiresAt: new Date(now.getTime() + RECORDING_KEEP_MS),
      createdAt: now,
    });
    await fsp.rm(track.path, { force: true });
    stored += 1;
  }
  if (stored > 0) announceRecording(ctx, session, toRecordingState(session, null));
  return stored;
}
