import path from "node:path";
import type { RtpPacket } from "werift";
import type { MediaRole } from "../join-token.ts";
import type { MediaKind } from "../room-state.ts";
import { createTrackFileWriter, type TrackFileWriter } from "./track-file-writer.ts";

/** One file the SFU wrote: one party's audio or video, one publisher stream. */
export type RecordedTrack = {
  path: string;
  role: MediaRole;
  kind: MediaKind;
  /** WebM; VP8 video or Opus audio, as forwarded. */
  contentType: "video/webm" | "audio/webm";
  /** Wall-clock epoch ms of the first and last packet written. */
  startedAtMs: number;
  endedAtMs: number;
  durationMs: number;
  sizeBytes: number;
};

export type RoomRecording = {
  /** Called by the forwarding path for every packet it forwards, before it rewrites the header. */
  write(role: MediaRole, kind: MediaKind, packet: RtpPacket): void;
  stop(): Promise<RecordedTrack[]>;
};

type OpenTrack = { writer: Promise<TrackFileWriter>; role: MediaRole; kind: MediaKind; path: string; ssrc: number; startedAtMs: number; endedAtMs: number };

/**
 * What the SFU forwards in one room, written to a file per track (SPEC 18). A publisher that
 * reconnects sends a new stream (a new SSRC, its own timestamps): it starts a new file, so
 * no file splices two timelines. Files are named after the room, the party, the kind and a
 * counter, inside `directory`; the app moves them into its storage afterwards.
 */
export function createRoomRecording(input: { roomId: string; directory: string; now: () => number }): RoomRecording {
  const tracks = new Map<string, OpenTrack>();
  const done: OpenTrack[] = [];
  let counter = 0;
  let stopped = false;
  const safeRoom = input.roomId.replace(/[^0-9A-Za-z-]/g, "_");

  return {
    write(role, kind, packet) {
      if (stopped) return;
      const key = `${role}:${kind}`;
      let track = tracks.get(key);
      if (track && track.ssrc !== packet.header.ssrc) {
        done.push(track);
        track = undefined;
      }
      if (!track) {
        counter += 1;
        const file = path.join(input.directory, `${safeRoom}-${role}-${kind}-${counter}.webm`);
        track = { writer: createTrackFileWriter(file, kind), role, kind, path: file, ssrc: packet.header.ssrc, startedAtMs: input.now(), endedAtMs: input.now() };
        tracks.set(key, track);
      }
      track.endedAtMs = input.now();
      const copy = packet.clone();
      void track.writer.then((writer) => writer.write(copy));
    },
    async stop() {
      stopped = true;
      const all = [...done, ...tracks.values()];
      tracks.clear();
      return Promise.all(
        all.map(async (track) => {
          const { durationMs, sizeBytes } = await (await track.writer).finish();
          return {
            path: track.path,
            role: track.role,
            kind: track.kind,
            contentType: track.kind === "video" ? ("video/webm" as const) : ("audio/webm" as const),
            startedAtMs: track.startedAtMs,
            endedAtMs: track.endedAtMs,
            durationMs,
            sizeBytes,
          };
        }),
      );
    },
  };
}
