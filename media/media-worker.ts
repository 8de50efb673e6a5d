// One media worker process: a createMediaServer driven over IPC by createMediaWorkerPool.
import { MediaError } from "./media-error.ts";
import { createMediaServer, type MediaLogger } from "./media-server.ts";
import type { RecordedTrack } from "./recording/room-recording.ts";
import type { MediaWorkerSettings, WorkerEvent, WorkerMessage, WorkerRequest } from "./media-worker-protocol.ts";

const STATS_INTERVAL_MS = 1_000;

const send = (message: WorkerMessage) => {
  if (process.connected) process.send?.(message);
};
if (!process.send) throw new Error("a media worker runs only as a child of createMediaWorkerPool");

const settings = JSON.parse(process.env.MEDIA_WORKER_SETTINGS ?? "null") as MediaWorkerSettings | null;
if (!settings) throw new Error("MEDIA_WORKER_SETTINGS is missing");
// Deleted at once so that nothing this process starts inherits the secret.
delete process.env.MEDIA_WORKER_SETTINGS;

// The pool's clock is the one tokens and events are judged by (tests move it); each request
// carries it, and the worker keeps the offset from its own.
let clockOffsetMs = 0;
const now = () => new Date(Date.now() + clockOffsetMs);

const logger: MediaLogger = {
  info: (...args) => sendLog("info", args),
  warn: (...args) => sendLog("warn", args),
  error: (...args) => sendLog("error", args),
};

const server = createMediaServer({
  ...settings,
  now,
  logger,
  onEvent: (event) => {
    const { at, ...rest } = event;
    send({ type: "event", event: { ...rest, atMs: at.getTime() } as WorkerEvent, stats: server.stats() });
  },
});

setInterval(() => send({ type: "stats", stats: server.stats() }), STATS_INTERVAL_MS).unref();

process.on("message", (request: WorkerRequest) => {
  clockOffsetMs = request.nowMs - Date.now();
  handle(request).then(
    (answer) => send({ type: "reply", id: request.id, ...(typeof answer === "string" ? { answerSdp: answer } : answer ? { tracks: answer } : {}), stats: server.stats() }),
    (error: unknown) =>
      send({
        type: "reply",
        id: request.id,
        error: error instanceof MediaError ? { code: error.code, message: error.message } : { message: String(error) },
        stats: server.stats(),
      }),
  );
});
// The pool going away (its process ended) leaves nobody to report to.
process.on("disconnect", () => {
  void server.close().finally(() => process.exit(0));
});

async function handle(request: WorkerRequest): Promise<string | RecordedTrack[] | undefined> {
  switch (request.type) {
    case "join":
      return (await server.join(request)).answerSdp;
    case "leave":
      await server.leave(request.roomId, request.role);
      return undefined;
    case "close-room":
      await server.closeRoom(request.roomId);
      return undefined;
    case "start-recording":
      await server.startRecording(request.roomId, { directory: request.directory });
      return undefined;
    case "stop-recording":
      return server.stopRecording(request.roomId);
    case "close":
      await server.close();
      return undefined;
  }
}

function sendLog(level: "info" | "warn" | "error", args: unknown[]) {
  const [first, second] = args;
  const fields = typeof first === "object" && first !== null ? serializeFields(first as Record<string, unknown>) : {};
  const message = typeof first === "string" ? first : typeof second === "string" ? second : "";
  send({ type: "log", level, fields, message });
}

function serializeFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = value instanceof Error ? { name: value.name, message: value.message } : value;
  return out;
}

send({ type: "ready", stats: server.stats() });
