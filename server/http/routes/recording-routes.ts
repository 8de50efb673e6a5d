import { Readable } from "node:stream";
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { changeRecording } from "../../domain/recordings/change-recording.ts";
import { createRecordingLink, deleteRecordingFile, listSessionRecordings, openRecording } from "../../domain/recordings/recording-files.ts";
import { AppError, toErrorBody } from "../../errors.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { RecordingActionRequest, RecordingState, SessionRecordings } from "../../../contract/recordings.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";
import { contentDisposition } from "../signed-file-response.ts";

// SPEC 18: recording a session with both parties' consent. Thin: parse, call one use case, answer.

const SessionId = z.object({ id: z.uuid() });
const FileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

const change = createRoute({
  operationId: "changeRecording",
  security: sessionRequired,
  method: "post",
  path: "/sessions/{id}/recording",
  middleware: [authenticated] as const,
  tags: ["sessions"],
  summary: "Ask to record, consent to the other party's ask, or stop (either party)",
  request: { params: SessionId, body: jsonBody(RecordingActionRequest) },
  responses: { 200: jsonResponse(z.object({ recording: RecordingState }), "The recording's state"), ...errorResponses },
});

const list = createRoute({
  operationId: "listRecordings",
  security: sessionRequired,
  method: "get",
  path: "/sessions/{id}/recordings",
  middleware: [authenticated] as const,
  tags: ["sessions"],
  summary: "The session's recording state and its files, kept 30 days",
  request: { params: SessionId },
  responses: { 200: jsonResponse(SessionRecordings, "Recordings"), ...errorResponses },
});

const link = createRoute({
  operationId: "createRecordingLink",
  security: sessionRequired,
  method: "get",
  path: "/sessions/{id}/recordings/{fileId}/link",
  middleware: [authenticated] as const,
  tags: ["sessions"],
  summary: "A link to play or download one recording file, for the asker only, valid 5 minutes",
  request: { params: FileParams },
  responses: { 200: jsonResponse(z.object({ url: z.string(), expiresAt: z.string() }), "The link"), ...errorResponses },
});

const remove = createRoute({
  operationId: "deleteRecording",
  security: sessionRequired,
  method: "delete",
  path: "/sessions/{id}/recordings/{fileId}",
  middleware: [authenticated] as const,
  tags: ["sessions"],
  summary: "Delete a recording file, for both parties",
  request: { params: FileParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

const open = createRoute({
  operationId: "openRecording",
  security: sessionRequired,
  method: "get",
  path: "/recordings/{token}",
  middleware: [authenticated] as const,
  tags: ["sessions"],
  summary: "The recording behind a signed link, for the user it was made for, within 5 minutes",
  request: { params: z.object({ token: z.string().min(1).max(2000) }), query: z.object({ download: z.enum(["1"]).optional() }) },
  responses: {
    200: { description: "The WebM file", content: { "video/webm": { schema: z.string().openapi({ format: "binary" }) } } },
    410: { description: "The link expired (code link_expired)" },
    ...errorResponses,
  },
});

export function registerRecordingRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(change, async (c) => {
    const recording = await changeRecording(ctx, { sessionId: c.req.valid("param").id, userId: requireUser(c).id, action: c.req.valid("json").action });
    return c.json({ recording }, 200);
  });
  api.openapi(list, async (c) => c.json(await listSessionRecordings(ctx, { sessionId: c.req.valid("param").id, userId: requireUser(c).id }), 200));
  api.openapi(link, async (c) => {
    const { id, fileId } = c.req.valid("param");
    return c.json(await createRecordingLink(ctx, { sessionId: id, fileId, userId: requireUser(c).id }), 200);
  });
  api.openapi(remove, async (c) => {
    const { id, fileId } = c.req.valid("param");
    await deleteRecordingFile(ctx, { sessionId: id, fileId, userId: requireUser(c).id });
    return c.body(null, 204);
  });
  api.openapi(open, async (c) => {
    const user = requireUser(c);
    let file: Awaited<ReturnType<typeof openRecording>>;
    try {
      file = await openRecording(ctx, { token: c.req.valid("param").token, userId: user.id });
    } catch (error) {
      if (error instanceof AppError && (error.details as { reason?: string } | undefined)?.reason === "link_expired") {
        return c.json({ error: { code: "link_expired", message: error.message } }, 410) as never;
      }
      if (error instanceof AppError) return c.json(toErrorBody(error), error.status as 403) as never;
      throw error;
    }
    const disposition = c.req.valid("query").download ? contentDisposition(file.fileName) : "inline";
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      status: 200,
      headers: {
        "content-type": file.contentType === "audio/webm" ? "audio/webm" : "video/webm",
        "content-length": String(file.sizeBytes),
        "content-disposition": disposition,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    }) as never;
  });
}
