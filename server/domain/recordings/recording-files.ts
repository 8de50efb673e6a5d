import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { recordingFiles } from "../../../db/schema.ts";
import type { RecordingFile, SessionRecordings } from "../../../contract/recordings.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { loadSessionFor } from "../sessions/session-view.ts";
import { findOpenRecording, toRecordingState } from "./recording-state.ts";
import { RECORDING_LINK_TTL_MS, signRecordingToken, verifyRecordingToken } from "./recording-token.ts";

type FileRow = typeof recordingFiles.$inferSelect;

function toRecordingFile(row: FileRow): RecordingFile {
  return {
    id: row.id,
    role: row.role,
    kind: row.kind,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    durationMs: row.durationMs,
    startedAt: row.startedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** A recording file of the session, for one of its two parties, while it is kept (30 days, not deleted). */
async function findFileFor(ctx: AppContext, input: { sessionId: string; fileId: string; userId: string }) {
  const { row: session } = await loadSessionFor(ctx.db, input.sessionId, input.userId);
  const [file] = await ctx.db
    .select()
    .from(recordingFiles)
    .where(and(eq(recordingFiles.id, input.fileId), eq(recordingFiles.sessionId, session.id), isNull(recordingFiles.deletedAt), gt(recordingFiles.expiresAt, ctx.now())));
  if (!file) throw new AppError("not_found", "There is no such recording.");
  return { session, file };
}

/** `GET /sessions/{id}/recordings`: the recording's state and the files kept, for either party. */
export async function listSessionRecordings(ctx: AppContext, input: { sessionId: string; userId: string }): Promise<SessionRecordings> {
  const { row: session } = await loadSessionFor(ctx.db, input.sessionId, input.userId);
  const files = await ctx.db
    .select()
    .from(recordingFiles)
    .where(and(eq(recordingFiles.sessionId, session.id), isNull(recordingFiles.deletedAt), gt(recordingFiles.expiresAt, ctx.now())))
    .orderBy(asc(recordingFiles.startedAt), asc(recordingFiles.role), asc(recordingFiles.kind));
  return { state: toRecordingState(session, await findOpenRecording(ctx.db, session.id)), files: files.map(toRecordingFile) };
}

/** A link to play or download one file, for the asker only, valid 5 minutes. */
export async function createRecordingLink(ctx: AppContext, input: { sessionId: string; fileId: string; userId: string }) {
  const { file } = await findFileFor(ctx, input);
  const exp = ctx.now().getTime() + RECORDING_LINK_TTL_MS;
  const token = signRecordingToken(ctx.config.secretKey, { fileId: file.id, userId: input.userId, exp });
  return { url: `/api/v1/recordings/${token}`, expiresAt: new Date(exp).toISOString() };
}

/** Opens the file behind a link: valid, unexpired, presented by the user it was made for, the file still kept. */
export async function openRecording(ctx: AppContext, input: { token: string; userId: string }) {
  const verified = verifyRecordingToken(ctx.config.secretKey, input.token, ctx.now());
  if (!verified.ok) {
    throw verified.reason === "expired"
      ? new AppError("forbidden", "This link has expired; ask for a new one.", { details: { reason: "link_expired" } })
      : new AppError("forbidden", "This link is not valid.", { details: { reason: "invalid_link" } });
  }
  if (verified.claims.userId !== input.userId) throw new AppError("forbidden", "This link was made for someone else.", { details: { reason: "not_your_link" } });
  const [row] = await ctx.db.select({ sessionId: recordingFiles.sessionId }).from(recordingFiles).where(eq(recordingFiles.id, verified.claims.fileId));
  if (!row) throw new AppError("not_found", "There is no such recording.");
  const { file } = await findFileFor(ctx, { sessionId: row.sessionId, fileId: verified.claims.fileId, userId: input.userId });
  const stream = await ctx.storage.read(file.storageKey);
  const fileName = `session-${file.sessionId.slice(0, 8)}-${file.role}-${file.kind}.webm`;
  return { stream, fileName, contentType: file.contentType, sizeBytes: file.sizeBytes };
}

/** Either party deletes a file for both; the bytes leave the storage at once. */
export async function deleteRecordingFile(ctx: AppContext, input: { sessionId: string; fileId: string; userId: string }) {
  const { file } = await findFileFor(ctx, input);
  const [deleted] = await ctx.db
    .update(recordingFiles)
    .set({ deletedAt: ctx.now(), deletedBy: input.userId })
    .where(and(eq(recordingFiles.id, file.id), isNull(recordingFiles.deletedAt)))
    .returning();
  if (!deleted) throw new AppError("not_found", "There is no such recording.");
  await ctx.storage.remove(file.storageKey);
}
