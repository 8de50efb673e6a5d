// bench:loss (SPEC 19): the provider's video to the customer through a bad path: 5 % of packets
// lost each way and 50 ms round trip (a UDP relay of ours between the customer's werift peer and
// the SFU). The provider sends 30 frames a second of 3 packets each; a frame is decoded once all
// its packets arrived (the customer's NACKs and the SFU's retransmissions may recover them).
// Reports decoded frames per second and freezes per minute (WebRTC's definition: a gap between
// decoded frames longer than max(3 × the mean frame interval, the mean + 150 ms)). One JSON line.
//   npm run bench:loss          (BENCH_SECONDS=30)
import os from "node:os";
import { createRtpPacket } from "../tests/fixtures/media-test-peer.ts";
import { startTestServer } from "../tests/fixtures/test-server.ts";
import { startCallScene } from "./call-scene.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const LOSS = Number(process.env.BENCH_LOSS ?? 0.05);
const ONE_WAY_DELAY_MS = 25;
const FPS = 30;
const PACKETS_PER_FRAME = 3;

const server = await startTestServer({ BILLING_BLOCK_SECONDS: "60", SHORT_SESSION_SECONDS: "0", RECONNECT_GRACE_SECONDS: "60" });
let result: Record<string, unknown>;
try {
  const scene = await startCallScene(server, { lossRate: LOSS, oneWayDelayMs: ONE_WAY_DELAY_MS });
  const track = await scene.providerPeer.startSending("video");
  let frame = 0;
  const sentAt: number[] = [];
  const timer = setInterval(() => {
    sentAt[frame] = performance.now();
    for (let k = 0; k < PACKETS_PER_FRAME; k += 1) track.writeRtp(createRtpPacket("video", frame * PACKETS_PER_FRAME + k));
    frame += 1;
  }, 1000 / FPS);
  // Let the path settle (the first keyframe request, the clock start), then measure.
  await sleep(2_000);
  const fromFrame = frame;
  const startedAt = performance.now();
  await sleep(seconds * 1000);
  const toFrame = frame;
  const endedAt = performance.now();
  clearInterval(timer);
  await sleep(500);

  // When each frame became whole: the arrival of its last missing packet.
  const wholeAt = new Map<number, number>();
  const parts = new Map<number, Set<number>>();
  for (const { at, index } of scene.videoArrivals) {
    const f = Math.floor(index / PACKETS_PER_FRAME);
    if (f < fromFrame || f >= toFrame || wholeAt.has(f)) continue;
    const got = parts.get(f) ?? new Set<number>();
    got.add(index % PACKETS_PER_FRAME);
    parts.set(f, got);
    if (got.size === PACKETS_PER_FRAME) wholeAt.set(f, at);
  }
  // A decoder shows frames in order: a frame that completes late holds back those after it, and
  // a frame that never completes is skipped (as after a keyframe).
  const decoded = [...wholeAt.entries()].sort((a, b) => a[0] - b[0]);
  let shown = Number.NEGATIVE_INFINITY;
  const shownAt = decoded.map(([f, at]) => ({ f, at: (shown = Math.max(shown, at)) }));
  const meanInterval = (endedAt - startedAt) / Math.max(1, toFrame - fromFrame);
  const freezeGapMs = Math.max(3 * meanInterval, meanInterval + 150);
  // This machine's timers are not a camera: a gap the sender itself left (its timer ran late
  // under load) is the source's stall, not the path's, and is counted apart.
  let freezes = 0;
  let sourceStalls = 0;
  let frozenMs = 0;
  for (let i = 1; i < shownAt.length; i += 1) {
    const gap = shownAt[i]!.at - shownAt[i - 1]!.at;
    if (gap <= freezeGapMs) continue;
    const sentGap = sentAt[shownAt[i]!.f]! - sentAt[shownAt[i - 1]!.f]!;
    if (gap - sentGap > 150) {
      freezes += 1;
      frozenMs += gap;
    } else sourceStalls += 1;
  }
  const decodedTimes = decoded;
  const minutes = (endedAt - startedAt) / 60_000;
  const session = await scene.readSession();
  result = {
    bench: "loss",
    seconds,
    lossRate: LOSS,
    rttMs: 2 * ONE_WAY_DELAY_MS,
    targetFps: FPS,
    sentFps: Number(((toFrame - fromFrame) / ((endedAt - startedAt) / 1000)).toFixed(1)),
    decodedFps: Number((decodedTimes.length / ((endedAt - startedAt) / 1000)).toFixed(1)),
    framesSent: toFrame - fromFrame,
    framesDecoded: decodedTimes.length,
    freezesPerMinute: Number((freezes / minutes).toFixed(2)),
    sourceStallsPerMinute: Number((sourceStalls / minutes).toFixed(2)),
    frozenMs: Math.round(frozenMs),
    targetFreezesPerMinute: 1,
    relay: scene.relay.stats(),
    clockPausedMs: session.pausedTotalMs,
    loadAverage: Number(os.loadavg()[0]!.toFixed(1)),
  };
  await scene.close();
} finally {
  await server.stop();
}
console.log(JSON.stringify(result));
// A run in which no frame got through measured nothing about loss: say so rather than report
// "0 freezes" (seen once under load: the peers connected, the SFU forwarded nothing).
if (result.framesDecoded === 0) {
  console.error("no frame reached the customer: the call did not carry media, so the figures above mean nothing");
  process.exit(1);
}
process.exit(0);

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
