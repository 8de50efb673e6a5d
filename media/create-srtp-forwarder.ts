import type { GenericNack, RTCRtpSender } from "werift";
import { createSendBookkeeping, readForwardingSender } from "./create-rtp-forwarder.ts";
import { encryptSrtp, nextRolloverCounter, readSentStreamState, readSrtpCipher, type SrtpCipher, type SsrcState } from "./srtp-cipher.ts";
import type { RtpFields } from "./read-rtp-fields.ts";
import type { SenderInternals } from "./werift-internals.ts";

/** Sends publisher packets, decrypted but otherwise as received, on one subscriber's sender. */
export type SrtpForwarder = {
  /** `source` is the datagram as received (its header and CSRCs are read), `payload` its decrypted
   * payload. True once the datagram is handed to the socket. */
  send(rtp: RtpFields, source: Buffer, payload: Buffer): boolean;
  /** A new publisher stream: retransmissions of the old one's packets would be out of place. */
  forgetHistory(): void;
  dispose(): void;
};

/** Packets kept for retransmission: about two seconds of video, as werift keeps. */
const HISTORY_SIZE = 128;
/** Larger than any RTP packet a browser sends (they keep under ~1,200 bytes for the path MTU). */
const HISTORY_SLOT_BYTES = 1_500;
const ONE_BYTE_EXTENSION_PROFILE = 0xbede;

/**
 * The subscriber half of the SFU's own forwarding path: rewrites the header for the subscriber
 * (SSRC, payload type, numbering, the MID extension), keeps werift's sender bookkeeping (sender
 * reports, `replaceRTP`), encrypts with the transport's cached keys (AES-GCM or AES-CM) and sends straight to
 * the ICE pair's socket. Video is kept in a send history of its own and retransmitted on NACK.
 * Undefined when the subscriber's transport uses another cipher or werift's internals are not as
 * expected: werift's path (`createRtpForwarder`) serves it instead.
 */
export function createSrtpForwarder(sender: RTCRtpSender, options: { kind: "audio" | "video"; onSendError: (error: unknown) => void }): SrtpForwarder | undefined {
  const s = readForwardingSender(sender);
  const srtp = s && readSrtpCipher(sender.dtlsTransport, "local");
  if (s === undefined || srtp === undefined) return undefined;
  const extension = midExtensionBlock(s);
  const bookkeeping = createSendBookkeeping(s);
  const history = options.kind === "video" ? createSendHistory() : undefined;
  let sentSsrc = s.ssrc;
  let sentState: SsrcState = readSentStreamState(srtp, sentSsrc);
  const transmit = (header: Buffer, payload: Buffer, rolloverCounter: number, sequenceNumber: number) =>
    sendSrtp(s, srtp, header, payload, rolloverCounter, sequenceNumber, options.onSendError);
  const nackSubscription = history
    ? sender.onGenericNack.subscribe((nack: GenericNack) => {
        for (const lost of nack.lost) history.resend(lost, transmit);
      })
    : undefined;

  return {
    send(rtp, source, payload) {
      if (s.codec === undefined || s.dtlsTransport.state !== "connected") return false;
      const sequenceNumber = (rtp.sequenceNumber + s.seqOffset) & 0xffff;
      const timestamp = (rtp.timestamp + s.timestampOffset) >>> 0;
      const csrcBytes = rtp.csrcCount * 4;
      const header = Buffer.allocUnsafe(12 + csrcBytes + extension.length);
      header[0] = 0x80 | (rtp.padding ? 0x20 : 0) | (extension.length > 0 ? 0x10 : 0) | rtp.csrcCount;
      header[1] = (rtp.marker ? 0x80 : 0) | s.codec.payloadType;
      header.writeUInt16BE(sequenceNumber, 2);
      header.writeUInt32BE(timestamp, 4);
      header.writeUInt32BE(s.ssrc >>> 0, 8);
      if (csrcBytes > 0) source.copy(header, 12, 12, 12 + csrcBytes);
      if (extension.length > 0) extension.copy(header, 12 + csrcBytes);
      bookkeeping(sequenceNumber, timestamp, payload.length, header.length);
      if (s.ssrc !== sentSsrc) {
        sentSsrc = s.ssrc;
        sentState = readSentStreamState(srtp, sentSsrc);
      }
      const rolloverCounter = nextRolloverCounter(srtp, sentState, sequenceNumber);
      history?.store(header, payload, sequenceNumber, rolloverCounter);
      return transmit(header, payload, rolloverCounter, sequenceNumber);
    },
    forgetHistory() {
      history?.clear();
    },
    dispose() {
      nackSubscription?.unSubscribe();
    },
  };
}

function sendSrtp(
  s: SenderInternals,
  srtp: SrtpCipher,
  header: Buffer,
  payload: Buffer,
  rolloverCounter: number,
  sequenceNumber: number,
  onSendError: (error: unknown) => void,
): boolean {
  const transport = s.dtlsTransport;
  const connection = transport.iceTransport.connection;
  // RFC 7675: nothing is sent on a pair whose consent expired (werift's own send checks the same).
  if (connection.canSendApplicationData?.() === false) return false;
  const pair = connection.nominated;
  if (pair === undefined) return false;
  const datagram = encryptSrtp(srtp, header, payload, s.ssrc, rolloverCounter, sequenceNumber);
  if (datagram === undefined) {
    onSendError(new Error("SRTP encryption failed"));
    return false;
  }
  const length = datagram.length;
  transport.bytesSent += length;
  transport.packetsSent++;
  const socket = pair.protocol.type === "stun" ? pair.protocol.transport : undefined;
  try {
    if (socket?.socket !== undefined) {
      if (socket.closed) return false;
      // No promise per packet, as werift's own send would make.
      socket.socket.send(datagram, pair.remoteAddr[1], pair.remoteAddr[0]);
      pair.packetsSent++;
      pair.bytesSent += length;
    } else {
      // A TURN-relayed pair: werift wraps the datagram for the relay.
      connection.send(datagram).catch(onSendError);
    }
    return true;
  } catch (error) {
    onSendError(error);
    return false;
  }
}

/** The header extension block every forwarded packet carries: the subscriber's MID, if negotiated. */
function midExtensionBlock(s: SenderInternals): Buffer {
  const id = s.headerExtensions[0]?.id;
  const mid = s.mid ? Buffer.from(s.mid) : undefined;
  if (id === undefined || mid === undefined || mid.length === 0 || mid.length > 16) return Buffer.alloc(0);
  // RFC 8285 one-byte form: the element, then zeros to a multiple of four bytes.
  const words = Math.ceil((1 + mid.length) / 4);
  const block = Buffer.alloc(4 + words * 4);
  block.writeUInt16BE(ONE_BYTE_EXTENSION_PROFILE, 0);
  block.writeUInt16BE(words, 2);
  block[4] = (id << 4) | (mid.length - 1);
  mid.copy(block, 5);
  return block;
}

type SendHistory = {
  store(header: Buffer, payload: Buffer, sequenceNumber: number, rolloverCounter: number): void;
  resend(sequenceNumber: number, transmit: (header: Buffer, payload: Buffer, rolloverCounter: number, sequenceNumber: number) => unknown): void;
  clear(): void;
};

/** Plain copies of the last packets sent, in one buffer made once: nothing per packet for the collector to trace. */
function createSendHistory(): SendHistory {
  const bytes = Buffer.alloc(HISTORY_SIZE * HISTORY_SLOT_BYTES);
  const sequenceNumbers = new Int32Array(HISTORY_SIZE).fill(-1);
  const rolloverCounters = new Uint32Array(HISTORY_SIZE);
  const headerLengths = new Uint16Array(HISTORY_SIZE);
  const lengths = new Uint16Array(HISTORY_SIZE);
  return {
    store(header, payload, sequenceNumber, rolloverCounter) {
      const slot = sequenceNumber % HISTORY_SIZE;
      const length = header.length + payload.length;
      if (length > HISTORY_SLOT_BYTES) {
        sequenceNumbers[slot] = -1;
        return;
      }
      const at = slot * HISTORY_SLOT_BYTES;
      header.copy(bytes, at);
      payload.copy(bytes, at + header.length);
      sequenceNumbers[slot] = sequenceNumber;
      rolloverCounters[slot] = rolloverCounter;
      headerLengths[slot] = header.length;
      lengths[slot] = length;
    },
    resend(sequenceNumber, transmit) {
      const slot = sequenceNumber % HISTORY_SIZE;
      if (sequenceNumbers[slot] !== sequenceNumber) return;
      const at = slot * HISTORY_SLOT_BYTES;
      const headerEnd = at + headerLengths[slot]!;
      // Copies: the slot may be overwritten before the datagram leaves.
      const header = Buffer.from(bytes.subarray(at, headerEnd));
      const payload = Buffer.from(bytes.subarray(headerEnd, at + lengths[slot]!));
      transmit(header, payload, rolloverCounters[slot]!, sequenceNumber);
    },
    clear() {
      sequenceNumbers.fill(-1);
    },
  };
}
