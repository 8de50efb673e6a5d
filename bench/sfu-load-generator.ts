// Load generator for bench/sfu-load.ts. Each session is two werift peers that join the SFU with
// real tokens, so ICE and DTLS are real and the SRTP keys are the ones the SFU uses. Then the
// peers' UDP sockets are taken over: media goes out as SRTP packets encrypted before the measured
// run, and comes in through a parser that decrypts one AES block to read the embedded send time.
// STUN and DTLS still go to werift, which keeps ICE consent alive. The SFU therefore pays for
// full decryption and re-encryption of every packet, and the generator for almost none of it.
import type { Socket } from "node:dgram";
import { RtpHeader } from "werift";
import { startDirectProbe } from "./sfu-load-direct-probe.ts";
import { createJoinToken, type MediaRole } from "../media/join-token.ts";
import { createTestPeer, type TestPeer, waitFor } from "../tests/fixtures/media-test-peer.ts";
import {
  addToHistogram,
  type GeneratorCommand,
  type GeneratorEvent,
  type GeneratorReport,
  MEASURED_PHASE,
  type Phase,
} from "./sfu-load-protocol.ts";
import { createEcb, firstCounterBlock, headerExtra, readKeys, type SrtpContext, type SrtpKeys } from "./sfu-load-srtp.ts";

const secretKey = process.env.BENCH_SECRET ?? "";
if (!process.send || secretKey === "") throw new Error("run by bench/sfu-load.ts only");
const emit = (event: GeneratorEvent) => process.send?.(event);

const KINDS = [
  { kind: "audio", packetsPerSecond: 50, payloadBytes: 160, clockPerPacket: 960 },
  { kind: "video", packetsPerSecond: 60, payloadBytes: 1_100, clockPerPacket: 1_500 },
] as const;
type Kind = (typeof KINDS)[number];
const SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
const TICK_MS = 1;
const DIRECT_PROBE_INTERVAL_MS = 5;

type Outbound = {
  readonly spec: Kind;
  readonly ssrc: number;
  /** As negotiated: the same on both legs, since both peers offer the same codecs. */
  readonly payloadType: number;
  nextSequenceNumber: number;
  packets: Buffer[];
  /** Scheduled send time of each packet, in ms from the start of the run. */
  scheduleMs: Float64Array;
  /** How late each packet actually left, so that the generator's own lag is not counted as the SFU's. */
  latenessMs: Float64Array;
  phases: Uint8Array;
  next: number;
};

type Inbound = { rolloverCounter: number; lastSequenceNumber: number; seen: boolean; source: Outbound };

type BenchPeer = {
  readonly testPeer: TestPeer;
  readonly socket: Socket;
  readonly remote: [string, number];
  readonly outbound: Record<Kind["kind"], Outbound>;
  /** Keyed by payload type: the SFU sends each kind with the type negotiated for it. */
  readonly inbound: Map<number, Inbound>;
  readonly decryptBlock: (counter: Buffer) => Buffer;
  readonly remoteKeys: SrtpKeys;
  readonly localKeys: SrtpKeys;
};

const peers: BenchPeer[] = [];
const histogram = new Map<number, number>();
let sent = 0;
let received = 0;
let lateSends = 0;
const directHistogram = new Map<number, number>();
const direct = startDirectProbe((micros) => {
  if (running) addToHistogram(directHistogram, micros);
});
let startAt = 0;
let running = false;
let nextJoinId = 0;
const joinWaiters = new Map<number, (reply: { answerSdp?: string; error?: string }) => void>();

process.on("message", (command: GeneratorCommand) => {
  if (command.type === "join-reply") {
    joinWaiters.get(command.id)?.(command);
    joinWaiters.delete(command.id);
    return;
  }
  void handle(command).then(
    (report) => emit({ type: "done", report }),
    (error: unknown) => emit({ type: "done", error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on("disconnect", () => process.exit(0));

async function handle(command: Exclude<GeneratorCommand, { type: "join-reply" }>): Promise<GeneratorReport | undefined> {
  switch (command.type) {
    case "add-sessions": {
      const indexes = Array.from({ length: command.count }, (_, i) => command.firstIndex + i);
      // A few at a time: DTLS handshakes are CPU-bound and would time out if all ran at once.
      for (let i = 0; i < indexes.length; i += 4) await Promise.all(indexes.slice(i, i + 4).map(addSession));
      return undefined;
    }
    case "prepare":
      prepare(command.seconds, command.marginMs);
      return undefined;
    case "start":
      start();
      return undefined;
    case "stop":
      running = false;
      return undefined;
    case "report": {
      const cpu = process.cpuUsage();
      const report: GeneratorReport = {
        sent,
        received,
        latency: [...histogram.entries()],
        directLatency: [...directHistogram.entries()],
        cpuMicros: cpu.user + cpu.system,
        lateSends,
      };
      histogram.clear();
      directHistogram.clear();
      sent = 0;
      received = 0;
      lateSends = 0;
      return report;
    }
    case "close":
      running = false;
      direct.close();
      await Promise.all(peers.map((peer) => peer.testPeer.close().catch(() => undefined)));
      return undefined;
  }
}

async function addSession(index: number) {
  const roomId = `bench-room-${index}`;
  const provider = await connectPeer(roomId, "provider");
  const customer = await connectPeer(roomId, "customer");
  peers.push(takeOver(provider, customer), takeOver(customer, provider));
}

async function connectPeer(roomId: string, role: MediaRole): Promise<TestPeer> {
  const testPeer = await createTestPeer();
  const token = createJoinToken({ secretKey, roomId, userId: `${roomId}-${role}`, role, now: new Date() });
  const id = nextJoinId++;
  const reply = await new Promise<{ answerSdp?: string; error?: string }>((resolve) => {
    joinWaiters.set(id, resolve);
    emit({ type: "join", id, token, offerSdp: testPeer.offerSdp });
  });
  if (!reply.answerSdp) throw new Error(`join failed: ${reply.error}`);
  await testPeer.accept(reply.answerSdp);
  await waitFor(() => testPeer.pc.connectionState === "connected" && testPeer.video.dtlsTransport.srtpStarted, `${roomId} ${role} to connect`);
  return testPeer;
}

const takenOver = new WeakMap<TestPeer, BenchPeer>();

function takeOver(testPeer: TestPeer, counterpart: TestPeer): BenchPeer {
  type Transport = { socket: Socket; onData: (data: Buffer, addr: [string, number]) => void };
  type Protocol = { transport?: Transport };
  const connection = testPeer.pc.iceTransports[0]?.connection as unknown as {
    nominated?: { protocol: Protocol; remoteAddr: [string, number] };
    protocols: Protocol[];
  };
  const pair = connection.nominated;
  if (!pair?.protocol.transport) throw new Error("no nominated candidate pair");
  const socket = pair.protocol.transport.socket;
  socket.setRecvBufferSize(SOCKET_BUFFER_BYTES);
  socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
  const srtp = testPeer.video.dtlsTransport.srtp as unknown as { localContext: SrtpContext; remoteContext: SrtpContext };
  const remoteKeys = readKeys(srtp.remoteContext);
  const ecb = createEcb(remoteKeys.key);
  const peer: BenchPeer = {
    testPeer,
    socket,
    remote: pair.remoteAddr,
    outbound: {
      audio: createOutbound(KINDS[0], testPeer.audio),
      video: createOutbound(KINDS[1], testPeer.video),
    },
    inbound: new Map(),
    decryptBlock: (counter) => ecb.update(counter),
    remoteKeys,
    localKeys: readKeys(srtp.localContext),
  };
  takenOver.set(testPeer, peer);
  // Every local socket, not only the nominated pair's: the SFU may send from a pair it validated
  // before the nomination settled.
  for (const { transport } of connection.protocols) {
    if (!transport) continue;
    const werift = transport.onData;
    transport.onData = (data, addr) => {
      // RTP and RTCP start with version 2; STUN and DTLS do not.
      if (data.length > 1 && data[0]! >> 6 === 2) receiveMedia(peer, counterpart, data);
      else werift(data, addr);
    };
  }
  return peer;
}

function createOutbound(spec: Kind, transceiver: TestPeer["audio"]): Outbound {
  const payloadType = transceiver.codecs[0]?.payloadType;
  if (payloadType === undefined) throw new Error(`no ${spec.kind} codec negotiated`);
  return { spec, ssrc: transceiver.sender.ssrc, payloadType, nextSequenceNumber: 1, packets: [], scheduleMs: new Float64Array(0), latenessMs: new Float64Array(0), phases: new Uint8Array(0), next: 0 };
}

/**
 * Encrypts every packet of the coming run in advance, with a measured window of `seconds` between
 * an unmeasured warm-up and tail (so the window starts hot and ends before the senders stop).
 */
function prepare(seconds: number, marginMs: number) {
  const totalMs = seconds * 1_000 + 2 * marginMs;
  for (const peer of peers) {
    for (const out of Object.values(peer.outbound)) {
      const count = Math.floor((totalMs / 1_000) * out.spec.packetsPerSecond);
      const periodMs = 1_000 / out.spec.packetsPerSecond;
      const offsetMs = Math.random() * periodMs;
      out.packets = new Array<Buffer>(count);
      out.scheduleMs = new Float64Array(count);
      out.latenessMs = new Float64Array(count);
      out.phases = new Uint8Array(count);
      out.next = 0;
      for (let i = 0; i < count; i++) {
        const at = offsetMs + i * periodMs;
        const phase: Phase = at < marginMs ? 0 : at < totalMs - marginMs ? MEASURED_PHASE : 2;
        out.scheduleMs[i] = at;
        out.phases[i] = phase;
        const payload = Buffer.alloc(out.spec.payloadBytes);
        payload[0] = 0x10; // a VP8 payload descriptor with the start-of-partition bit
        payload.writeUInt32BE(i, 1);
        payload[5] = phase;
        payload.writeDoubleBE(at, 6);
        const sequenceNumber = out.nextSequenceNumber++ & 0xffff;
        const header = new RtpHeader({
          payloadType: out.payloadType,
          sequenceNumber,
          timestamp: (sequenceNumber * out.spec.clockPerPacket) >>> 0,
          marker: true,
          ssrc: out.ssrc,
        });
        out.packets[i] = peer.localKeys.encryptRtp(header, payload);
      }
    }
  }
}

function start() {
  startAt = performance.now();
  direct.lastSentAt = Number.NEGATIVE_INFINITY;
  running = true;
  tick();
}

function tick() {
  if (!running) return;
  const elapsed = performance.now() - startAt;
  let pending = false;
  for (const peer of peers) {
    for (const out of Object.values(peer.outbound)) {
      while (out.next < out.packets.length && out.scheduleMs[out.next]! <= elapsed) {
        const i = out.next++;
        const lateness = performance.now() - startAt - out.scheduleMs[i]!;
        out.latenessMs[i] = lateness;
        if (lateness > 5) lateSends++;
        peer.socket.send(out.packets[i]!, peer.remote[1], peer.remote[0]);
        if (out.phases[i] === MEASURED_PHASE) sent++;
      }
      if (out.next < out.packets.length) pending = true;
    }
  }
  if (elapsed - direct.lastSentAt >= DIRECT_PROBE_INTERVAL_MS) direct.send(elapsed);
  if (pending) setTimeout(tick, TICK_MS);
  else running = false;
}

function receiveMedia(peer: BenchPeer, counterpart: TestPeer, data: Buffer) {
  const payloadType = data[1]! & 0x7f;
  if (payloadType >= 72 && payloadType <= 79) return; // RTCP (types 200–207 with the marker bit)
  const payloadOffset = 12 + headerExtra(data);
  if (data.length < payloadOffset + 16) return;
  let inbound = peer.inbound.get(payloadType);
  if (!inbound) {
    const source = Object.values(takenOver.get(counterpart)?.outbound ?? {}).find((out) => out.payloadType === payloadType);
    if (!source) return;
    inbound = { rolloverCounter: 0, lastSequenceNumber: 0, seen: false, source };
    peer.inbound.set(payloadType, inbound);
  }
  const sequenceNumber = data.readUInt16BE(2);
  if (inbound.seen && sequenceNumber < 100 && inbound.lastSequenceNumber > 65_435) inbound.rolloverCounter++;
  inbound.seen = true;
  inbound.lastSequenceNumber = sequenceNumber;
  const keystream = peer.decryptBlock(firstCounterBlock(peer.remoteKeys, data.readUInt32BE(8), inbound.rolloverCounter, sequenceNumber));
  const index = (data.readUInt32BE(payloadOffset + 1) ^ keystream.readUInt32BE(1)) >>> 0;
  const phase = data[payloadOffset + 5]! ^ keystream[5]!;
  if (phase !== MEASURED_PHASE) return;
  const source = inbound.source;
  if (index >= source.packets.length) return;
  const sentAt = startAt + source.scheduleMs[index]! + source.latenessMs[index]!;
  received++;
  addToHistogram(histogram, (performance.now() - sentAt) * 1_000);
}
