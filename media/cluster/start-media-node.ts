import { randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { MediaError } from "../media-error.ts";
import type { MediaLogger, MediaServer, MediaServerEvent } from "../media-server.ts";
import type { MediaClusterKeys } from "./media-cluster-keys.ts";
import { expireMediaNode, NODE_HEARTBEAT_MS, renewMediaNode, type RedisClient } from "./media-node-directory.ts";
import { mediaErrorStatus, type NodeErrorBody, type NodeRecordedTrack, type StreamedMediaEvent } from "./media-node-wire.ts";
import { verifyControlRequest } from "./control-signature.ts";

// An SDP offer is a few kilobytes; anything far larger is not one.
const MAX_BODY_BYTES = 256 * 1024;
// The stream is read as it is written; this much history only covers an app-side outage.
const STREAM_MAX_LENGTH = 100_000;
const RECORDING_NAME = /^[A-Za-z0-9._-]{1,200}$/;

export type MediaNodeOptions = {
  redis: RedisClient;
  keys: MediaClusterKeys;
  secretKey: string;
  /** The SFU itself (a worker pool in production), reporting what it observes to `onEvent`. */
  createServer: (onEvent: (event: MediaServerEvent) => void) => MediaServer;
  host: string;
  port: number;
  /** How app processes reach this node; by default http://<host>:<port>. */
  controlUrl?: string;
  capacity: number;
  workers: number;
  recordingDirectory: string;
  logger: MediaLogger;
};

/**
 * An SFU node (SPEC 19, Scale): the SFU in a process of its own, registered with its capacity in
 * the deployment's directory and kept there by a heartbeat. App processes place rooms on it and
 * send it every join, leave, room close and recording request over signed HTTP; what it observes
 * (media flowing, stalls, parties connecting and dropping) goes into a Redis stream that any app
 * process can read, so the billing never depends on which process a party is connected to.
 */
export async function startMediaNode(options: MediaNodeOptions) {
  const { redis, keys, logger } = options;
  const id = randomUUID();
  const startedAtMs = Date.now();
  fs.mkdirSync(options.recordingDirectory, { recursive: true });

  let publishing = Promise.resolve();
  const publish = (event: MediaServerEvent) => {
    const { at, ...rest } = event;
    const streamed =
      rest.type === "recording-finished"
        ? { ...rest, tracks: rest.tracks.map(({ path: filePath, ...track }) => ({ ...track, name: path.basename(filePath) })), atMs: at.getTime(), nodeId: id }
        : { ...rest, atMs: at.getTime(), nodeId: id };
    // One after another, so a room's events are in the stream in the order they happened.
    publishing = publishing
      .then(() =>
        redis.xAdd(keys.events, "*", { e: JSON.stringify(streamed satisfies StreamedMediaEvent) }, { TRIM: { strategy: "MAXLEN", strategyModifier: "~", threshold: STREAM_MAX_LENGTH } }),
      )
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: error, event: rest.type }, "publishing a media event failed"),
      );
  };
  const server = options.createServer(publish);

  const httpServer = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, "a control request failed");
      if (!res.headersSent) reply(res, 500, { error: { code: "internal", message: "The media node failed to handle the request." } });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://node");
    if (req.method === "GET" && url.pathname === "/healthz") return reply(res, 200, { id, ...server.stats() });
    const body = await readBody(req);
    if (body === null) return reply(res, 413, { error: { code: "bad_request", message: "The request body is too large." } });
    const signed = verifyControlRequest({
      secretKey: options.secretKey,
      method: req.method ?? "",
      path: url.pathname,
      body,
      nowMs: Date.now(),
      signature: req.headers["x-media-signature"] as string | undefined,
    });
    if (!signed) return reply(res, 401, { error: { code: "unauthorised", message: "The control request is not signed with this deployment's key." } });

    const recording = url.pathname.match(/^\/media\/recordings\/([^/]+)$/);
    if (recording) return serveRecording(req, res, decodeURIComponent(recording[1]!));
    if (req.method !== "POST") return reply(res, 405, { error: { code: "bad_request", message: "Control requests are POSTed." } });
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return reply(res, 400, { error: { code: "bad_request", message: "The body is not JSON." } });
    }
    const roomId = String(input.roomId ?? "");
    try {
      switch (url.pathname) {
        case "/media/join":
          return reply(res, 200, await server.join({ token: String(input.token ?? ""), offerSdp: String(input.offerSdp ?? "") }));
        case "/media/leave":
          await server.leave(roomId, input.role === "provider" ? "provider" : "customer");
          return reply(res, 200, {});
        case "/media/close-room":
          await server.closeRoom(roomId);
          return reply(res, 200, {});
        case "/media/recording/start":
          // The node writes into its own folder, whatever the app process would have chosen.
          await server.startRecording(roomId, { directory: options.recordingDirectory });
          return reply(res, 200, {});
        case "/media/recording/stop": {
          const tracks = await server.stopRecording(roomId);
          return reply(res, 200, { tracks: tracks.map(({ path: filePath, ...track }): NodeRecordedTrack => ({ ...track, name: path.basename(filePath) })) });
        }
        default:
          return reply(res, 404, { error: { code: "bad_request", message: "No such control request." } });
      }
    } catch (error) {
      if (error instanceof MediaError) return reply(res, mediaErrorStatus[error.code], { error: { code: error.code, message: error.message } });
      throw error;
    }
  }

  /** The app process fetches a recorded file into its storage, then deletes it here. */
  async function serveRecording(req: http.IncomingMessage, res: http.ServerResponse, name: string) {
    if (!RECORDING_NAME.test(name)) return reply(res, 400, { error: { code: "bad_request", message: "Not a recording's name." } });
    const filePath = path.join(options.recordingDirectory, name);
    if (req.method === "DELETE") {
      await fsp.rm(filePath, { force: true });
      return reply(res, 200, {});
    }
    if (req.method !== "GET") return reply(res, 405, { error: { code: "bad_request", message: "GET or DELETE a recording." } });
    const stat = await fsp.stat(filePath).catch(() => null);
    if (!stat?.isFile()) return reply(res, 404, { error: { code: "bad_request", message: "No such recording on this node." } });
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(stat.size) });
    await pipeline(fs.createReadStream(filePath), res);
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const controlUrl = options.controlUrl ?? `http://${options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host}:${port}`;

  const heartbeat = async () => {
    const stats = server.stats();
    await renewMediaNode(redis, keys, {
      id,
      controlUrl,
      capacity: options.capacity,
      rooms: stats.rooms,
      peers: stats.peers,
      workers: options.workers,
      startedAtMs,
      heartbeatAtMs: Date.now(),
    });
  };
  await heartbeat();
  const timer = setInterval(() => {
    heartbeat().catch((error: unknown) => logger.error({ err: error }, "the media node's heartbeat failed"));
  }, NODE_HEARTBEAT_MS);
  timer.unref();

  let closing: Promise<void> | undefined;
  return {
    id,
    port,
    controlUrl,
    stats: () => server.stats(),
    /** Leaves the directory first (its rooms are then handled as a dead node's), then stops. */
    close: () =>
      (closing ??= (async () => {
        clearInterval(timer);
        await expireMediaNode(redis, keys, id).catch(() => undefined);
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeAllConnections();
        await server.close();
        await publishing;
      })()),
  };
}

function reply(res: http.ServerResponse, status: number, body: unknown | NodeErrorBody) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
  res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
