import { RtpPacket } from "werift";
import type { AnsweredPeer } from "./answer-offer.ts";
import { createSrtpForwarder } from "./create-srtp-forwarder.ts";
import { type ForwardingCounters, noteForwarded } from "./forward-rtp.ts";
import { interceptSrtp } from "./intercept-srtp.ts";
import { createRtpFields, readRtpFields, type RtpFields } from "./read-rtp-fields.ts";
import { type MediaKind, NO_SSRC, type Party, type Room } from "./room-state.ts";
import { decryptSrtp, readReceivedStreamState, readSrtpCipher, type SrtpCipher, type SsrcState } from "./srtp-cipher.ts";
import {
  countReceivedPacket,
  isCountableStatistics,
  type ReceivedPacketView,
  type ReceiverInternals,
  readReceiverInternals,
  type StreamStatistics,
} from "./werift-internals.ts";

/** Read once: `performance.timeOrigin` is a getter with a brand check, and the tap reads the clock per packet. */
const TIME_ORIGIN_MS = performance.timeOrigin;
const NO_KIND = 0;
const AUDIO = 1;
const VIDEO = 2;

/**
 * Starts the SFU's own forwarding path for a party whose transport has just connected: its
 * senders get forwarders of their own (`createSrtpForwarder`), and its published SRTP is taken from
 * the socket, decrypted, counted into werift's receiver statistics and NACK tracking, and handed
 * to the other party's forwarder, with no werift packet object, promise or closure per packet.
 * The first packet of each publisher stream still goes through werift, which sets the stream up;
 * werift's path (`forwardRtp`) also serves any party this cannot (another cipher, unexpected internals).
 * Answers the function that stops it.
 */
export function startSrtpForwarding(room: Room, party: Party, peer: AnsweredPeer, counters: ForwardingCounters): () => void {
  const disposers: (() => void)[] = [];
  for (const [out, kind] of [
    [party.audioOut, "audio"],
    [party.videoOut, "video"],
  ] as const) {
    const forwarder = createSrtpForwarder(out.sender, { kind, onSendError: counters.reportSendError });
    out.srtp = forwarder ?? null;
    if (forwarder) disposers.push(() => forwarder.dispose());
  }
  const stopTap = tapPublisher(room, party, peer, counters);
  if (stopTap) disposers.push(stopTap);
  return () => {
    for (const dispose of disposers.splice(0)) dispose();
  };
}

function tapPublisher(room: Room, from: Party, peer: AnsweredPeer, counters: ForwardingCounters): (() => void) | undefined {
  const srtp = readSrtpCipher(from.transport, "remote");
  const audio = readReceiverInternals(peer.audio.receiver);
  const video = readReceiverInternals(peer.video.receiver);
  if (srtp === undefined || audio === undefined || video === undefined) return undefined;
  const videoNacks = Boolean(video.nackEnabled);
  const kinds = new Uint8Array(128);
  for (const codec of peer.audio.codecs) kinds[codec.payloadType & 0x7f] = AUDIO;
  for (const codec of peer.video.codecs) kinds[codec.payloadType & 0x7f] = VIDEO;
  const rtp = createRtpFields();
  // The last stream of each kind and werift's objects for it, found once per stream rather than
  // per packet (an SSRC beyond V8's small integers is looked up as a string).
  const streams = [undefined, createStreamCache(), createStreamCache()];
  const view: ReceivedPacketView = { header: { sequenceNumber: 0, ssrc: 0 } };

  return interceptSrtp(from.transport, (datagram) => {
    if (from.released || !readRtpFields(datagram, srtp.tagLength, rtp)) return false;
    const kind = kinds[rtp.payloadType] ?? NO_KIND;
    if (kind === NO_KIND) return false;
    const receiver = kind === VIDEO ? video : audio;
    const stream = streams[kind]!;
    if (stream.ssrc !== rtp.ssrc && !findStream(stream, receiver, srtp, rtp.ssrc)) return false;
    if (receiver.stopped) return false;
    const to = from.role === "provider" ? room.customer : room.provider;
    const live = to !== undefined && to.connected && !to.released;
    if (live && !(kind === VIDEO ? to.videoOut : to.audioOut).srtp) return false;

    const payload = decryptSrtp(srtp, datagram, rtp.headerLength, rtp.ssrc, rtp.sequenceNumber, stream.state!);
    // Dropped, as werift drops a packet that does not authenticate.
    if (payload === undefined) return true;
    countReceivedPacket(stream.statistics!, rtp.sequenceNumber, rtp.timestamp, payload.length, rtp.headerLength, TIME_ORIGIN_MS + performance.now());
    if (kind === VIDEO) {
      if (videoNacks && stream.hasTrack) {
        view.header.sequenceNumber = rtp.sequenceNumber;
        view.header.ssrc = rtp.ssrc;
        receiver.nack.addPacket(view);
      }
      from.videoSourceSsrc = rtp.ssrc;
    }
    if (live) forwardSrtp(counters, room, from, to, kind === VIDEO ? "video" : "audio", rtp, datagram, payload);
    return true;
  });
}

type StreamCache = { ssrc: number; statistics: StreamStatistics | undefined; state: SsrcState | undefined; hasTrack: boolean };

function createStreamCache(): StreamCache {
  return { ssrc: NO_SSRC, statistics: undefined, state: undefined, hasTrack: false };
}

/**
 * Finds werift's objects for a stream; false while werift has not yet set it up with its first
 * packet, or when its statistics are not as `countReceivedPacket` expects.
 */
function findStream(stream: StreamCache, receiver: ReceiverInternals, srtp: SrtpCipher, ssrc: number): boolean {
  const statistics = receiver.remoteStreams[ssrc];
  const state = readReceivedStreamState(srtp, ssrc);
  if (statistics === undefined || state === undefined || !isCountableStatistics(statistics)) return false;
  stream.ssrc = ssrc;
  stream.statistics = statistics;
  stream.state = state;
  stream.hasTrack = receiver.trackBySSRC[ssrc] !== undefined;
  return true;
}

/** The fast path's counterpart of `forwardRtp`: the same decisions, on a decrypted datagram. */
function forwardSrtp(counters: ForwardingCounters, room: Room, from: Party, to: Party, kind: MediaKind, rtp: RtpFields, datagram: Buffer, payload: Buffer) {
  const out = kind === "video" ? to.videoOut : to.audioOut;
  const forwarder = out.srtp;
  if (!forwarder) return;
  // Recording is rare and its writer wants werift's packet, as the publisher sent it.
  if (room.recording !== undefined) {
    room.recording.write(from.role, kind, RtpPacket.deSerialize(Buffer.concat([datagram.subarray(0, rtp.headerLength), payload])));
  }
  if (rtp.ssrc !== out.sourceSsrc) {
    // As in forwardRtp: a new publisher stream continues the numbering after a small gap.
    if (out.sourceSsrc !== NO_SSRC) {
      out.sender.replaceRTP({ sequenceNumber: rtp.sequenceNumber, timestamp: rtp.timestamp }, true);
      forwarder.forgetHistory();
    }
    out.sourceSsrc = rtp.ssrc;
  }
  const sent = forwarder.send(rtp, datagram, payload);
  if (sent) counters.ownPathPackets++;
  noteForwarded(counters, room, from, to, sent);
}
