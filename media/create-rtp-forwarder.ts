import { RTP_EXTENSION_URI, type RtpHeader, type RTCRtpSender, type RtpPacket } from "werift";
import { ntpTimestampAt } from "./ntp-time.ts";
import { readSenderInternals, type SenderInternals } from "./werift-internals.ts";

/** Sends one publisher packet on a subscriber's sender, as `RTCRtpSender.sendRtp` would. */
export type RtpForwarder = (packet: RtpPacket) => Promise<void>;

/** werift's send history length: NACKs are answered from `rtpCache[sequenceNumber % 128]`. */
const RTP_HISTORY_SIZE = 128;
/**
 * How stale the NTP/RTP timestamp pair of the next sender report may be. The pair only has to
 * describe one instant (RFC 3550 §6.4.1); reading it once per packet would make a BigInt per packet.
 */
const NTP_PAIR_INTERVAL_MS = 50;

/**
 * werift's `sendRtp` does per packet what a forwarding SFU never needs (header extensions rebuilt
 * and sorted, bandwidth-estimation records, the NTP clock read, four nested promises). This does
 * only the rewriting and the bookkeeping the sender's RTCP and NACK handling read, then encrypts
 * and sends through the same transport. Returns undefined when werift's internals are not as
 * expected; the caller then uses `sendRtp`.
 */
export function createRtpForwarder(sender: RTCRtpSender): RtpForwarder | undefined {
  const s = readForwardingSender(sender);
  if (s === undefined) return undefined;
  const midId = s.headerExtensions[0]?.id;
  const extensions: RtpHeader["extensions"] = midId !== undefined && s.mid ? [{ id: midId, payload: Buffer.from(s.mid) }] : [];
  Object.freeze(extensions);
  const bookkeeping = createSendBookkeeping(s);

  return (packet) => {
    const { header, payload } = packet;
    const transport = s.dtlsTransport;
    const srtp = transport.srtp;
    if (s.codec === undefined || transport.state !== "connected" || srtp === undefined) return Promise.resolve();
    header.ssrc = s.ssrc;
    header.payloadType = s.codec.payloadType;
    header.timestamp = (header.timestamp + s.timestampOffset) >>> 0;
    header.sequenceNumber = (header.sequenceNumber + s.seqOffset) & 0xffff;
    header.extensions = extensions;
    bookkeeping(header.sequenceNumber, header.timestamp, payload.length, header.serializeSize);
    s.rtpCache[header.sequenceNumber % RTP_HISTORY_SIZE] = packet;
    const encrypted = srtp.encrypt(payload, header);
    transport.bytesSent += encrypted.length;
    transport.packetsSent++;
    return transport.iceTransport.connection.send(encrypted);
  };
}

/**
 * The sender's internals, when they are as expected and the sender negotiated nothing but the MID
 * header extension (anything else would need werift's per-packet extension writers).
 */
export function readForwardingSender(sender: RTCRtpSender): SenderInternals | undefined {
  const s = readSenderInternals(sender);
  // Only the MID extension is negotiated with subscribers (see createPeerConfig).
  if (s?.headerExtensions.some((extension) => extension.uri !== RTP_EXTENSION_URI.sdesMid)) return undefined;
  return s;
}

/**
 * Records one sent packet where werift's sender keeps it: the last numbers (for `replaceRTP`), the
 * NTP/RTP pair and counts of its sender reports. Starts the sender's RTCP loop at the first packet
 * (which returns at once when `startRtcpReports` sends the party's reports instead).
 */
export function createSendBookkeeping(s: SenderInternals): (sequenceNumber: number, timestamp: number, payloadLength: number, headerLength: number) => void {
  let pairAt = Number.NEGATIVE_INFINITY;
  let rtcpStarted = false;
  return (sequenceNumber, timestamp, payloadLength, headerLength) => {
    s.timestamp = timestamp;
    s.sequenceNumber = sequenceNumber;
    const now = performance.now();
    if (now - pairAt >= NTP_PAIR_INTERVAL_MS) {
      pairAt = now;
      s.ntpTimestamp = ntpTimestampAt(performance.timeOrigin + now);
      s.rtpTimestamp = timestamp;
    }
    s.octetCount += payloadLength;
    s.headerBytesSent += headerLength;
    s.packetCount = (s.packetCount + 1) >>> 0;
    if (!rtcpStarted) {
      rtcpStarted = true;
      void s.runRtcp();
    }
  };
}
