import { type RTCRtpReceiver, type RTCRtpSender, type RtpHeader, type RtpPacket, uint16Gt } from "werift";

// The parts of werift's senders and receivers the SFU reads and writes below its public API, typed
// in one place and checked before use: a werift upgrade that moves them leaves the SFU on werift's
// own (slower) paths instead of crashing.

export type SenderInternals = {
  ssrc: number;
  codec?: { payloadType: number };
  mid?: string;
  cname?: string;
  headerExtensions: { id: number; uri: string }[];
  timestampOffset: number;
  seqOffset: number;
  timestamp?: number;
  sequenceNumber?: number;
  ntpTimestamp: bigint;
  rtpTimestamp: number;
  octetCount: number;
  packetCount: number;
  headerBytesSent: number;
  rtpCache: (RtpPacket | undefined)[];
  runRtcp(): Promise<void>;
  /** Set while werift's report loop runs; set beforehand, the loop never starts. */
  rtcpRunning: boolean;
  /** What the sender matches a receiver report's LSR against to measure the round trip. */
  lastSRtimestamp?: number;
  lastSentSRTimestamp?: number;
  dtlsTransport: SenderTransportInternals;
};
export type SenderTransportInternals = {
  state: string;
  srtp?: { encrypt(payload: Buffer, header: RtpHeader): Buffer };
  bytesSent: number;
  packetsSent: number;
  iceTransport: { connection: IceConnectionInternals };
};
export type IceConnectionInternals = {
  send(data: Buffer): Promise<void>;
  canSendApplicationData?(): boolean;
  nominated?: {
    protocol: { type?: string; transport?: { closed?: boolean; socket?: { send(data: Buffer, port: number, address: string): void } } };
    remoteAddr: [string, number];
    packetsSent: number;
    bytesSent: number;
  };
};

/** A received packet's numbers, as werift's NACK tracker reads them from a packet. */
export type ReceivedPacketView = { header: { sequenceNumber: number; ssrc: number } };
/** werift's receive statistics of one stream: fed per packet (`countReceivedPacket`), read by receiver reports. */
export type StreamStatistics = {
  /** A getter that also starts the next report interval: read once per report. */
  readonly fraction_lost: number;
  readonly packets_lost: number;
  readonly jitter: number;
  max_seq?: number;
  /** Wrap-arounds of the sequence number, already shifted left by 16 bits. */
  cycles: number;
  clockRate: number;
  packets_received: number;
  bytesReceived: number;
  headerBytesReceived: number;
  lastPacketReceivedTimestamp?: number;
  base_seq?: number;
  /** Interarrival jitter in RTP units, times 16 (RFC 3550 §6.4.1, A.8). */
  jitter_q4: number;
  last_arrival?: number;
  last_timestamp?: number;
};
export type ReceiverInternals = {
  stopped: boolean;
  /** The negotiated NACK feedback, if any (a getter that searches the codecs: read it once). */
  nackEnabled: unknown;
  remoteStreams: Record<number, StreamStatistics | undefined>;
  trackBySSRC: Record<number, unknown>;
  nack: { addPacket(packet: ReceivedPacketView): void };
  rtcpRunning: boolean;
  rtcpSsrc: number;
  /** Per SSRC: the middle 32 bits of the last sender report's NTP time, and when it arrived (s). */
  lastSRtimestamp: Record<number, number | undefined>;
  receiveLastSRTimestamp: Record<number, number | undefined>;
};

export function readSenderInternals(sender: RTCRtpSender): SenderInternals | undefined {
  const s = sender as unknown as Partial<SenderInternals>;
  const t = s.dtlsTransport as Partial<SenderTransportInternals> | undefined;
  const usable =
    typeof s.ssrc === "number" &&
    Array.isArray(s.headerExtensions) &&
    typeof s.timestampOffset === "number" &&
    typeof s.seqOffset === "number" &&
    typeof s.ntpTimestamp === "bigint" &&
    typeof s.rtpTimestamp === "number" &&
    typeof s.octetCount === "number" &&
    typeof s.packetCount === "number" &&
    typeof s.headerBytesSent === "number" &&
    Array.isArray(s.rtpCache) &&
    typeof s.runRtcp === "function" &&
    typeof s.rtcpRunning === "boolean" &&
    typeof t?.bytesSent === "number" &&
    typeof t.packetsSent === "number" &&
    typeof t.iceTransport?.connection?.send === "function";
  return usable ? (s as SenderInternals) : undefined;
}

export function readReceiverInternals(receiver: RTCRtpReceiver): ReceiverInternals | undefined {
  const r = receiver as unknown as Partial<ReceiverInternals>;
  const usable =
    typeof r.stopped === "boolean" &&
    typeof r.remoteStreams === "object" &&
    typeof r.trackBySSRC === "object" &&
    typeof r.nack?.addPacket === "function" &&
    typeof r.rtcpRunning === "boolean" &&
    typeof r.rtcpSsrc === "number" &&
    typeof r.lastSRtimestamp === "object" &&
    typeof r.receiveLastSRTimestamp === "object";
  return usable ? (r as ReceiverInternals) : undefined;
}

/** Whether werift's statistics of a stream have the fields `countReceivedPacket` keeps up. */
export function isCountableStatistics(statistics: StreamStatistics): boolean {
  const t = statistics as Partial<StreamStatistics>;
  return (
    typeof t.clockRate === "number" &&
    typeof t.packets_received === "number" &&
    typeof t.bytesReceived === "number" &&
    typeof t.headerBytesReceived === "number" &&
    typeof t.jitter_q4 === "number" &&
    typeof t.cycles === "number"
  );
}

/**
 * Counts one received packet into werift's statistics of its stream, as werift's `add` does, with
 * the arrival time read once by the caller: werift's `add` reads the clock twice and truncates the
 * arrival through a string, which was a tenth of the tap's own time. Unlike werift's, the jitter
 * survives the RTP timestamp's wrap-around.
 */
export function countReceivedPacket(
  t: StreamStatistics,
  sequenceNumber: number,
  timestamp: number,
  payloadLength: number,
  headerLength: number,
  epochMs: number,
): void {
  const previous = t.max_seq;
  t.packets_received++;
  t.bytesReceived += payloadLength;
  t.headerBytesReceived += headerLength;
  t.lastPacketReceivedTimestamp = epochMs;
  t.base_seq ??= sequenceNumber;
  // Only a packet later in sequence (werift's own comparison, across the wrap) is a new highest number.
  if (previous !== undefined && !uint16Gt(sequenceNumber, previous)) return;
  const arrival = Math.trunc((epochMs / 1_000) * t.clockRate);
  if (previous !== undefined && sequenceNumber < previous) t.cycles += 1 << 16;
  t.max_seq = sequenceNumber;
  if (timestamp !== t.last_timestamp && t.packets_received > 1) {
    const transit = arrival - (t.last_arrival ?? 0) - ((timestamp - (t.last_timestamp ?? 0)) | 0);
    t.jitter_q4 += Math.abs(transit) - ((t.jitter_q4 + 8) >> 4);
  }
  t.last_arrival = arrival;
  t.last_timestamp = timestamp;
}
