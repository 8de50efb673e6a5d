import {
  compactNtp,
  type RtcpPacket,
  RtcpReceiverInfo,
  RtcpRrPacket,
  RtcpSenderInfo,
  RtcpSourceDescriptionPacket,
  RtcpSrPacket,
  SourceDescriptionChunk,
  SourceDescriptionItem,
  timestampSeconds,
} from "werift";
import type { AnsweredPeer } from "./answer-offer.ts";
import { readReceiverInternals, readSenderInternals, type ReceiverInternals, type SenderInternals } from "./werift-internals.ts";

/** RFC 3550 §6.2 spreads reports over 0.5–1.5 times the interval, so peers do not report in step. */
const REPORT_INTERVAL_MS = 1_000;
/**
 * While nothing is sent or received the figures do not move, so a report goes out only this often
 * (RFC 3550's minimum interval): building, encrypting and sending one each second was a fifth of
 * what a connected but silent session cost.
 */
const IDLE_REPORT_INTERVAL_MS = 5_000;
const SDES_CNAME = 1;

// werift's own report loops are stopped only when its internals are as expected (werift-internals.ts);
// otherwise werift keeps sending its reports.

/**
 * Sends each party one compound RTCP packet about once a second (every 5 s while nothing flows): a sender report for each stream
 * the SFU sends it, a receiver report on each stream it publishes, and the CNAMEs (RFC 3550 §6.1).
 * werift would send each of those four on a timer of its own, each encrypted and sent alone; the
 * senders' and receivers' loops are kept from starting, and the figures they would report (which
 * the forwarding paths keep up to date) are read here. Answers the function that stops it.
 */
export function startRtcpReports(peer: AnsweredPeer): () => void {
  const senders = [peer.audio.sender, peer.video.sender].map(readSenderInternals);
  const receivers = [peer.audio.receiver, peer.video.receiver].map(readReceiverInternals);
  if (!senders.every(isDefined) || !receivers.every(isDefined)) return () => undefined;
  // werift's loops start at the first packet and return at once while this flag is set.
  for (const internals of [...senders, ...receivers]) internals.rtcpRunning = true;
  const transport = peer.video.dtlsTransport;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let reportedActivity = -1;
  let reportedAt = Number.NEGATIVE_INFINITY;
  const schedule = () => {
    timer = setTimeout(report, REPORT_INTERVAL_MS * (0.5 + Math.random()));
    timer.unref();
  };
  const report = () => {
    if (stopped) return;
    schedule();
    if (transport.state !== "connected") return;
    const activity = countPackets(senders, receivers);
    const now = performance.now();
    if (activity === reportedActivity && now - reportedAt < IDLE_REPORT_INTERVAL_MS) return;
    const packets = buildReports(senders, receivers);
    if (packets.length === 0) return;
    reportedActivity = activity;
    reportedAt = now;
    transport.sendRtcp(packets).catch(() => undefined);
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Every packet the party's senders sent and its receivers received: unchanged while the session is silent. */
function countPackets(senders: SenderInternals[], receivers: ReceiverInternals[]): number {
  let count = 0;
  for (const sender of senders) count += sender.packetCount;
  for (const receiver of receivers) {
    for (const ssrc in receiver.remoteStreams) count += receiver.remoteStreams[ssrc]?.packets_received ?? 0;
  }
  return count;
}

/** One compound packet: sender reports first (RFC 3550 §6.1), then the receiver report, then CNAMEs. */
function buildReports(senders: SenderInternals[], receivers: ReceiverInternals[]): RtcpPacket[] {
  const packets: RtcpPacket[] = [];
  const sdes: SourceDescriptionChunk[] = [];
  const now = timestampSeconds();
  for (const sender of senders) {
    if (sender.packetCount === 0) continue;
    const senderInfo = new RtcpSenderInfo({
      ntpTimestamp: sender.ntpTimestamp,
      rtpTimestamp: sender.rtpTimestamp,
      packetCount: sender.packetCount,
      octetCount: sender.octetCount,
    });
    packets.push(new RtcpSrPacket({ ssrc: sender.ssrc, senderInfo }));
    sender.lastSRtimestamp = compactNtp(sender.ntpTimestamp);
    sender.lastSentSRTimestamp = now;
    if (sender.cname) sdes.push(new SourceDescriptionChunk({ source: sender.ssrc, items: [new SourceDescriptionItem({ type: SDES_CNAME, text: sender.cname })] }));
  }
  const reports: RtcpReceiverInfo[] = [];
  for (const receiver of receivers) {
    for (const [ssrcKey, stream] of Object.entries(receiver.remoteStreams)) {
      if (stream === undefined || stream.max_seq === undefined) continue;
      const ssrc = Number(ssrcKey);
      const lsr = receiver.lastSRtimestamp[ssrc] ?? 0;
      const receivedAt = receiver.receiveLastSRTimestamp[ssrc];
      const delaySeconds = receivedAt === undefined ? 0 : now - receivedAt;
      reports.push(
        new RtcpReceiverInfo({
          ssrc,
          fractionLost: stream.fraction_lost,
          packetsLost: stream.packets_lost,
          // The extended highest sequence number: cycles (already shifted by 16 bits) plus the last.
          highestSequence: (stream.cycles + stream.max_seq) >>> 0,
          jitter: stream.jitter,
          lsr,
          dlsr: lsr !== 0 && delaySeconds > 0 && delaySeconds < 65_536 ? Math.floor(delaySeconds * 65_536) : 0,
        }),
      );
    }
  }
  // A compound packet starts with a report: the sender reports, or else this receiver report.
  if (reports.length > 0) packets.push(new RtcpRrPacket({ ssrc: receivers[0]!.rtcpSsrc, reports }));
  if (packets.length === 0) return [];
  if (sdes.length > 0) packets.push(new RtcpSourceDescriptionPacket({ chunks: sdes }));
  return packets;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
