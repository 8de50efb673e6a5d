import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { RtpHeader, RtpPacket, type MediaStreamTrack } from "werift";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMediaServer } from "../../media/media-server.ts";
import { createMediaHarness, TEST_SECRET, waitFor } from "../fixtures/media-test-peer.ts";

// SPEC 18 recording: the SFU writes what it forwards, a WebM file per track, without
// transcoding; a standard tool must read the files back. ffprobe comes with Debian's ffmpeg.
const run = promisify(execFile);
const ffprobe = ["/usr/bin/ffprobe", "/usr/local/bin/ffprobe"].find((candidate) => fs.existsSync(candidate));

let media: ReturnType<typeof createMediaHarness>;
let directory: string;
beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "tweeps-recording-"));
  media = createMediaHarness((onEvent) => createMediaServer({ secretKey: TEST_SECRET, onEvent }));
});
afterEach(async () => {
  await media.dispose();
  fs.rmSync(directory, { recursive: true, force: true });
});

/**
 * Writes RTP whose timestamps follow the wall clock, as a browser's encoder does, so a file's
 * duration can be compared with the time it was recorded. Each VP8 frame is one packet
 * marked as a keyframe (payload descriptor, then a VP8 header with the keyframe bit clear).
 */
function pumpTimed(track: MediaStreamTrack, kind: "audio" | "video") {
  const started = performance.now();
  const clockRate = kind === "video" ? 90 : 48;
  let sequence = 0;
  const timer = setInterval(
    () => {
      const payload = Buffer.alloc(kind === "video" ? 300 : 60);
      if (kind === "video") payload[0] = 0x10;
      const header = new RtpHeader({
        payloadType: kind === "video" ? 96 : 111,
        sequenceNumber: sequence++ & 0xffff,
        timestamp: Math.round((performance.now() - started) * clockRate) >>> 0,
        marker: true,
        ssrc: kind === "video" ? 7 : 8,
      });
      track.writeRtp(new RtpPacket(header, payload));
    },
    kind === "video" ? 33 : 20,
  );
  return { stop: () => clearInterval(timer) };
}

async function probe(file: string) {
  const { stdout } = await run(ffprobe!, ["-v", "error", "-show_entries", "format=duration,format_name:stream=codec_type,codec_name", "-of", "json", file]);
  return JSON.parse(stdout) as { format: { duration: string; format_name: string }; streams: { codec_type: string; codec_name: string }[] };
}

// Without ffprobe the checks cannot run; the suite says why in its name and is skipped.
const missing = ffprobe ? "" : " — SKIPPED: ffprobe not found (apt-get install -y ffmpeg)";
describe.skipIf(!ffprobe)(`recording through the SFU${missing}`, () => {
  it("writes a WebM file per forwarded track that ffprobe reads, lasting the recorded time", async () => {
    const provider = await media.newPeer();
    const customer = await media.newPeer();
    await media.connect(provider, "provider");
    await media.connect(customer, "customer");
    const video = pumpTimed(await provider.startSending("video"), "video");
    const audio = pumpTimed(await provider.startSending("audio"), "audio");
    await waitFor(() => customer.received.video.length >= 10 && customer.received.audio.length >= 10, "media to flow");

    await media.server.startRecording("room-1", { directory });
    const recordingFrom = performance.now();
    const receivedThen = customer.received.video.length;
    await waitFor(() => customer.received.video.length - receivedThen >= 120, "four seconds of video to be forwarded while recorded");
    const tracks = await media.server.stopRecording("room-1");
    const recordedMs = performance.now() - recordingFrom;
    video.stop();
    audio.stop();

    // The provider's audio and video; the customer sent nothing, so nothing of theirs.
    expect(tracks.map((t) => `${t.role}:${t.kind}`).sort()).toEqual(["provider:audio", "provider:video"]);
    for (const track of tracks) {
      const probed = await probe(track.path);
      expect(probed.format.format_name).toContain("webm");
      expect(probed.streams).toEqual([{ codec_type: track.kind, codec_name: track.kind === "video" ? "vp8" : "opus" }]);
      const durationMs = Number(probed.format.duration) * 1000;
      expect(Math.abs(durationMs - recordedMs), `${track.kind}: ${durationMs} ms in the file, ${recordedMs} ms recorded`).toBeLessThan(1000);
      expect(track.sizeBytes).toBe(fs.statSync(track.path).size);
    }
    // Stopped: nothing more is written, and a second stop has nothing to report.
    expect(await media.server.stopRecording("room-1")).toEqual([]);
  });

  it("a room closed while recorded reports its files as an event", async () => {
    const provider = await media.newPeer();
    const customer = await media.newPeer();
    await media.connect(provider, "provider");
    await media.connect(customer, "customer");
    const video = pumpTimed(await provider.startSending("video"), "video");
    await waitFor(() => customer.received.video.length >= 5, "media to flow");
    await media.server.startRecording("room-1", { directory });
    const receivedThen = customer.received.video.length;
    await waitFor(() => customer.received.video.length - receivedThen >= 30, "a second of video to be recorded");
    await media.server.closeRoom("room-1");
    video.stop();
    const finished = media.events.find((event) => event.type === "recording-finished");
    expect(finished).toMatchObject({ roomId: "room-1", tracks: [{ role: "provider", kind: "video", contentType: "video/webm" }] });
    await expect(media.server.startRecording("room-1", { directory })).rejects.toThrow();
  });
});
