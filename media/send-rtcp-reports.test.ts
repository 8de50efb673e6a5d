import type { RtcpPacket } from "werift";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AnsweredPeer } from "./answer-offer.ts";
import { startRtcpReports } from "./send-rtcp-reports.ts";

// A peer with werift's sender and receiver fields as the SFU reads them (werift-internals.ts), and a
// transport that records what it is asked to send; timers are faked so the schedule can be counted.

function fakeSender(ssrc: number) {
  return {
    ssrc,
    cname: "sfu",
    headerExtensions: [],
    timestampOffset: 0,
    seqOffset: 0,
    ntpTimestamp: 0n,
    rtpTimestamp: 0,
    octetCount: 0,
    packetCount: 0,
    headerBytesSent: 0,
    rtpCache: [],
    runRtcp: async () => undefined,
    rtcpRunning: false,
    dtlsTransport: { bytesSent: 0, packetsSent: 0, iceTransport: { connection: { send: async () => undefined } } },
  };
}

function fakeReceiver(rtcpSsrc: number) {
  return {
    stopped: false,
    remoteStreams: {} as Record<number, { packets_received: number; max_seq?: number; cycles: number; fraction_lost: number; packets_lost: number; jitter: number }>,
    trackBySSRC: {},
    nack: { addPacket: () => undefined },
    rtcpRunning: false,
    rtcpSsrc,
    lastSRtimestamp: {},
    receiveLastSRTimestamp: {},
  };
}

function fakePeer() {
  const sent: RtcpPacket[][] = [];
  const transport = { state: "connected", sendRtcp: async (packets: RtcpPacket[]) => void sent.push(packets) };
  const audio = { sender: fakeSender(1), receiver: fakeReceiver(11), dtlsTransport: transport };
  const video = { sender: fakeSender(2), receiver: fakeReceiver(12), dtlsTransport: transport };
  return { peer: { audio, video } as unknown as AnsweredPeer, audio, video, sent };
}

describe("startRtcpReports", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends nothing before any media, and keeps werift's own report loops from starting", async () => {
    const { peer, audio, video, sent } = fakePeer();
    const stop = startRtcpReports(peer);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(0);
    expect([audio.sender, video.sender, audio.receiver, video.receiver].every((internals) => internals.rtcpRunning)).toBe(true);
    stop();
  });

  it("reports about once a second while media flows, and every 5 s or so once it stops", async () => {
    const { peer, video, sent } = fakePeer();
    const stop = startRtcpReports(peer);
    const flow = setInterval(() => {
      video.sender.packetCount += 30;
      const stream = (video.receiver.remoteStreams[7] ??= { packets_received: 0, cycles: 0, fraction_lost: 0, packets_lost: 0, jitter: 0 });
      stream.packets_received += 30;
      stream.max_seq = stream.packets_received;
    }, 500);
    await vi.advanceTimersByTimeAsync(20_000);
    const whileFlowing = sent.length;
    // 0.5–1.5 s apart: between 13 and 40 reports in 20 s.
    expect(whileFlowing).toBeGreaterThanOrEqual(13);
    expect(whileFlowing).toBeLessThanOrEqual(40);
    const last = sent.at(-1)!;
    expect(last.map((packet) => packet.type)).toEqual([200, 201, 202]);

    clearInterval(flow);
    await vi.advanceTimersByTimeAsync(60_000);
    const whileSilent = sent.length - whileFlowing;
    // One more carrying the last figures, then one about every 5 s (5–6.5 s apart): 9 to 13 in 60 s.
    expect(whileSilent).toBeGreaterThanOrEqual(9);
    expect(whileSilent).toBeLessThanOrEqual(13);

    video.sender.packetCount += 1;
    const beforeResume = sent.length;
    await vi.advanceTimersByTimeAsync(1_500);
    expect(sent.length).toBe(beforeResume + 1);
    stop();
  });

  it("stops sending when stopped", async () => {
    const { peer, video, sent } = fakePeer();
    const stop = startRtcpReports(peer);
    video.sender.packetCount = 10;
    await vi.advanceTimersByTimeAsync(1_500);
    const count = sent.length;
    stop();
    video.sender.packetCount = 20;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent.length).toBe(count);
    expect(count).toBe(1);
  });
});
