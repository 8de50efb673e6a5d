import fsp from "node:fs/promises";
import type { RtpPacket } from "werift";
import {
  DepacketizeCallback,
  JitterBufferCallback,
  RtpSourceCallback,
  RtpTimeCallback,
  WebmCallback,
  saveToFileSystem,
} from "werift/nonstandard";
import type { MediaKind } from "../room-state.ts";

export type TrackFileWriter = {
  /** Takes one packet as the publisher sent it (a copy the caller no longer touches). */
  write(packet: RtpPacket): void;
  /** Ends the file: the WebM duration is written once the last frame is through. */
  finish(): Promise<{ durationMs: number; sizeBytes: number }>;
};

// A day: werift writes this as the provisional duration and the real one at the end.
const PROVISIONAL_DURATION_MS = 24 * 60 * 60 * 1000;
// How long finishing may wait for the muxer to write the end of the file.
const FINISH_TIMEOUT_MS = 5_000;

/**
 * One track (a party's audio or video) into one WebM file, without transcoding: werift's own
 * processors put the RTP back into frames (VP8 through a jitter buffer, Opus as it comes) and
 * its WebM muxer writes them with the RTP timestamps. The SFU only offers VP8 and Opus
 * (see createPeerConfig), so the codec follows from the kind.
 */
export async function createTrackFileWriter(path: string, kind: MediaKind): Promise<TrackFileWriter> {
  await fsp.rm(path, { force: true });
  const clockRate = kind === "video" ? 90_000 : 48_000;
  const webm = new WebmCallback(
    [
      kind === "video"
        ? { kind: "video", codec: "VP8", clockRate, trackNumber: 1, width: 640, height: 360 }
        : { kind: "audio", codec: "OPUS", clockRate, trackNumber: 1 },
    ],
    { duration: PROVISIONAL_DURATION_MS },
  );
  const source = new RtpSourceCallback();
  const time = new RtpTimeCallback(clockRate);
  const depacketizer = new DepacketizeCallback(kind === "video" ? "VP8" : "OPUS", kind === "video" ? { isFinalPacketInSequence: (h) => h.marker } : {});
  if (kind === "video") {
    const jitterBuffer = new JitterBufferCallback(clockRate);
    source.pipe(jitterBuffer.input);
    jitterBuffer.pipe(time.input);
    time.pipe(depacketizer.input);
    depacketizer.pipe(webm.inputVideo);
  } else {
    source.pipe(time.input);
    time.pipe(depacketizer.input);
    depacketizer.pipe(webm.inputAudio);
  }

  const save = saveToFileSystem(path);
  let durationMs = 0;
  let ended: () => void = () => undefined;
  const eol = new Promise<void>((resolve) => (ended = resolve));
  webm.pipe(async (output) => {
    const done = await save(output);
    if (output.eol) durationMs = output.eol.duration;
    if (done) ended();
  });

  let finished = false;
  return {
    write(packet) {
      if (!finished) source.input(packet);
    },
    async finish() {
      if (!finished) {
        finished = true;
        source.stop();
        await Promise.race([eol, new Promise((resolve) => setTimeout(resolve, FINISH_TIMEOUT_MS).unref())]);
      }
      const sizeBytes = await fsp.stat(path).then((s) => s.size, () => 0);
      return { durationMs, sizeBytes };
    },
  };
}
