import { z } from "@hono/zod-openapi";

// Recording a video session with both parties' consent (SPEC 18).

export const recordingStatuses = ["none", "asked", "recording"] as const;

/** Where the session's recording stands: nothing, asked by one party, or running. */
export const RecordingState = z
  .object({
    sessionId: z.uuid(),
    status: z.enum(recordingStatuses),
    /** Who asked, when a recording was asked for or runs. */
    askedByRole: z.enum(["customer", "provider"]).nullable(),
    startedAt: z.string().nullable(),
  })
  .openapi("RecordingState");
export type RecordingState = z.infer<typeof RecordingState>;

/** `POST /sessions/{id}/recording`. */
export const RecordingActionRequest = z.strictObject({ action: z.enum(["ask", "consent", "stop"]) });

/** One recorded file (a party's audio or video), available to both parties for 30 days. */
export const RecordingFile = z
  .object({
    id: z.uuid(),
    role: z.enum(["customer", "provider"]),
    kind: z.enum(["audio", "video"]),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    durationMs: z.number().int(),
    startedAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi("RecordingFile");
export type RecordingFile = z.infer<typeof RecordingFile>;

/** `GET /sessions/{id}/recordings`. */
export const SessionRecordings = z.object({ state: RecordingState, files: z.array(RecordingFile) });
export type SessionRecordings = z.infer<typeof SessionRecordings>;
