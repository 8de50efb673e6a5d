import os from "node:os";
import path from "node:path";
import { createMediaWorkerPool } from "../media/create-media-worker-pool.ts";
import { createJoinToken } from "../media/join-token.ts";
import { MediaError, type MediaErrorCode } from "../media/media-error.ts";
import { createMediaServer, type MediaServer, type MediaServerEvent, type MediaServerOptions } from "../media/media-server.ts";
import { createRoutedMediaServer } from "../media/cluster/create-routed-media-server.ts";
import { mediaClusterKeys } from "../media/cluster/media-cluster-keys.ts";
import type { RedisClient } from "../media/cluster/media-node-directory.ts";
import type { AppContext, MediaControl } from "./context.ts";
import { pauseForLostMedia } from "./domain/sessions/pause-for-lost-media.ts";
import { recordMediaEvent } from "./domain/sessions/record-media-event.ts";
import { storeRecordedTracks } from "./domain/recordings/store-recorded-tracks.ts";
import { AppError, type ErrorCode } from "./errors.ts";

const JOIN_TOKEN_SECONDS = 30;
const RECORDING_DIRECTORY = path.join(os.tmpdir(), "tweeps-recordings");

const errorCodeFor: Record<MediaErrorCode, ErrorCode> = {
  invalid_token: "forbidden",
  role_taken: "conflict",
  room_closed: "invalid_state",
  invalid_offer: "validation_failed",
  no_media_node: "unavailable",
};

/**
 * The SFU, in worker processes (one per core in production) or in this process; with Redis, on
 * the deployment's SFU nodes when any is registered (`npm run start:media`), wherever a party's
 * page is connected. The domain talks to it through MediaControl only; what the SFU observes
 * comes back as events, recorded by the domain after the fact.
 */
export function startMediaServer(ctx: AppContext, cluster?: { redis: RedisClient; prefix: string }) {
  const roomQueues = new Map<string, Promise<void>>();
  // A room's events are recorded one after another, in the order the SFU saw them: a stall
  // and the resume right after it must not be applied the other way round.
  const inRoomOrder = (roomId: string, work: () => Promise<unknown>) => {
    const previous = roomQueues.get(roomId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .then(() => undefined)
      .catch((error: unknown) => ctx.logger.error({ err: error, roomId }, "recording a media event failed"))
      .finally(() => {
        if (roomQueues.get(roomId) === next) roomQueues.delete(roomId);
      });
    roomQueues.set(roomId, next);
    return next;
  };
  const onEvent = (event: MediaServerEvent) => {
    // SPEC 18: a recording that ended with its room; its files are stored, not queued behind billing.
    if (event.type === "recording-finished") {
      return storeRecordedTracks(ctx, { sessionId: event.roomId, tracks: event.tracks }).then(
        () => undefined,
        (error: unknown) => ctx.logger.error({ err: error, roomId: event.roomId }, "storing a recording failed"),
      );
    }
    return inRoomOrder(event.roomId, () => recordMediaEvent(ctx, event));
  };
  const options: MediaServerOptions = {
    secretKey: ctx.config.secretKey,
    iceServers: ctx.config.iceServers,
    ice: ctx.config.mediaIce,
    now: ctx.now,
    logger: ctx.logger,
    onEvent: (event) => void onEvent(event),
  };
  const workers = ctx.config.mediaWorkers;
  const local: MediaServer = workers > 0 ? createMediaWorkerPool({ ...options, workers }) : createMediaServer(options);
  const server = cluster
    ? createRoutedMediaServer({
        redis: cluster.redis,
        keys: mediaClusterKeys(cluster.prefix),
        secretKey: ctx.config.secretKey,
        local,
        // Handled before the batch is acknowledged, so an event is never lost with this process.
        onEvent,
        onRoomLost: (roomId) => inRoomOrder(roomId, () => pauseForLostMedia(ctx, { sessionId: roomId })),
        logger: ctx.logger,
        now: ctx.now,
      })
    : local;
  const control: MediaControl = {
    join: ({ roomId, userId, role, offerSdp }) =>
      server
        .join({
          token: createJoinToken({ secretKey: ctx.config.secretKey, roomId, userId, role, now: ctx.now(), ttlSeconds: JOIN_TOKEN_SECONDS }),
          offerSdp,
        })
        .catch((error: unknown) => {
          throw error instanceof MediaError ? new AppError(errorCodeFor[error.code], error.message) : error;
        }),
    closeRoom: (roomId) => server.closeRoom(roomId),
    // The SFU writes into a temporary folder; the domain moves each file into the storage.
    startRecording: (roomId) =>
      server.startRecording(roomId, { directory: RECORDING_DIRECTORY }).catch((error: unknown) => {
        throw error instanceof MediaError ? new AppError(errorCodeFor[error.code], error.message) : error;
      }),
    stopRecording: (roomId) => server.stopRecording(roomId),
  };
  return { control, stats: () => server.stats(), close: () => server.close() };
}
