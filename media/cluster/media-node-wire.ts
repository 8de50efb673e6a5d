import type { MediaRole } from "../join-token.ts";
import type { MediaErrorCode } from "../media-error.ts";
import type { MediaServerEvent } from "../media-server.ts";

/** The control requests an app process sends an SFU node (POST, JSON, signed), by path. */
export type NodeControl = {
  "/media/join": { body: { token: string; offerSdp: string }; reply: { answerSdp: string } };
  "/media/leave": { body: { roomId: string; role: MediaRole }; reply: Record<string, never> };
  "/media/close-room": { body: { roomId: string }; reply: Record<string, never> };
  "/media/recording/start": { body: { roomId: string }; reply: Record<string, never> };
  "/media/recording/stop": { body: { roomId: string }; reply: { tracks: NodeRecordedTrack[] } };
};

/** A recorded file as the node describes it: fetched by name from the node, not by path. */
export type NodeRecordedTrack = Omit<Extract<MediaServerEvent, { type: "recording-finished" }>["tracks"][number], "path"> & { name: string };

export type NodeErrorBody = { error: { code: MediaErrorCode | "unauthorised" | "bad_request" | "internal"; message: string } };

/** One entry of the event stream: a MediaServerEvent with its date as epoch ms, and its node. */
export type StreamedMediaEvent = DistributiveOmit<Exclude<MediaServerEvent, { type: "recording-finished" }>, "at"> & { atMs: number; nodeId: string }
  | { type: "recording-finished"; roomId: string; atMs: number; nodeId: string; tracks: NodeRecordedTrack[] };

export const mediaErrorStatus: Record<MediaErrorCode, number> = {
  invalid_token: 403,
  role_taken: 409,
  room_closed: 409,
  invalid_offer: 400,
  no_media_node: 503,
};

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
