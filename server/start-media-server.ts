import os from "node:os";
import path from "node:path";
import { createMediaWorkerPool } from "../media/create-media-worker-pool.ts";
import { createJoinToken } from "../media/join-token.ts";
import { MediaError, type MediaErrorCode } from "../media/media-error.ts";
import { createMediaServer, type MediaServerOptions } from "../media/media-server.ts";
import type { AppContext, MediaControl } from "./context.ts";
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
};

/**
 * The SFU, in worker processes (one per core in production) or in this process. The domain talks
 * to it through MediaControl only; what the SFU observes comes back as events, recorded by the
 * domain after the fact.
 */
export function startMediaServer(ctx: AppContext) {
  const roomQueues = new Map<string, Promise<void>>();
  const options: MediaServerOptions = {
    secretKey: ctx.config.secretKey,
    iceServers: ctx.config.iceServers,
    now: ctx.now,
    logger: ctx.logger,
    // A room's events are recorded one after another, in the order the SFU saw them: a stall
    // and the resume right after it must not be applied the other way round.
    onEvent: (event) => {
      // SPEC 18: a recording that ended with its room; its files are stored, not queued behind billing.
      if (event.type === "recording-finished") {
        void storeRecordedTracks(ctx, { sessionId: event.roomId, tracks: event.tracks }).catch((error: unknown) =>
          ctx.logger.error({ err: error, roomId: event.roomId }, "storing a recording failed"),
        );
        return;
      }
      const previous = roomQueues.get(event.roomId) ?? Promise.resolve();
      const next = previous
        .then(() => recordMediaEvent(ctx, event))
        .catch((error: unknown) => ctx.logger.error({ err: error, event }, "recording a media event failed"))
        .finally(() => {
          if (roomQueues.get(event.roomId) === next) roomQueues.delete(event.roomId);
        });
      roomQueues.set(event.roomId, next);
    },
  };
  const workers = ctx.config.mediaWorkers;
  const server = workers > 0 ? createMediaWorkerPool({ ...options, workers }) : createMediaServer(options);
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
