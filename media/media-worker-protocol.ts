import type { IceOptions, IceServer } from "./create-peer-config.ts";
import type { MediaRole } from "./join-token.ts";
import type { MediaErrorCode } from "./media-error.ts";
import type { RecordedTrack } from "./recording/room-recording.ts";

/** What a media worker needs to run createMediaServer: only values that survive IPC. */
export type MediaWorkerSettings = {
  secretKey: string;
  iceServers?: IceServer[];
  ice?: IceOptions;
  silenceTimeoutMs?: number;
  connectTimeoutMs?: number;
  stallMs?: number;
};

export type WorkerRequest = { id: number; nowMs: number } & (
  | { type: "join"; token: string; offerSdp: string }
  | { type: "leave"; roomId: string; role: MediaRole }
  | { type: "close-room"; roomId: string }
  | { type: "start-recording"; roomId: string; directory: string }
  | { type: "stop-recording"; roomId: string }
  | { type: "close" }
);

export type WorkerStats = { rooms: number; peers: number; forwardedPackets: number; ownPathPackets: number };

export type WorkerMessage =
  | { type: "ready"; stats: WorkerStats }
  | { type: "reply"; id: number; answerSdp?: string; tracks?: RecordedTrack[]; error?: { code?: MediaErrorCode; message: string }; stats: WorkerStats }
  | { type: "stats"; stats: WorkerStats }
  | { type: "event"; event: WorkerEvent; stats: WorkerStats }
  | { type: "log"; level: "info" | "warn" | "error"; fields: Record<string, unknown>; message: string };

/** A MediaServerEvent with its date as epoch milliseconds. */
export type WorkerEvent =
  | { type: "provider-media-forwarded"; roomId: string; atMs: number }
  | { type: "provider-media-seen"; roomId: string; atMs: number; observedMs: number; impairedMs: number }
  | { type: "provider-media-stalled"; roomId: string; atMs: number }
  | { type: "party-connected"; roomId: string; role: MediaRole; atMs: number }
  | { type: "party-disconnected"; roomId: string; role: MediaRole; reason: "closed" | "failed"; atMs: number }
  | { type: "recording-finished"; roomId: string; atMs: number; tracks: RecordedTrack[] };
