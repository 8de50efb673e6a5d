/** The fields of an RTP header (RFC 3550 §5.1) the SFU reads, written into one reused object per publisher. */
export type RtpFields = {
  padding: boolean;
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  csrcCount: number;
  /** Fixed header, CSRCs and any header extension: where the (encrypted) payload starts. */
  headerLength: number;
};

export function createRtpFields(): RtpFields {
  return { padding: false, marker: false, payloadType: 0, sequenceNumber: 0, timestamp: 0, ssrc: 0, csrcCount: 0, headerLength: 0 };
}

/**
 * Reads the header of an SRTP packet at fixed offsets into `into`. False when the packet is too
 * short for its header and a `trailerLength`-byte authentication tag.
 */
export function readRtpFields(packet: Buffer, trailerLength: number, into: RtpFields): boolean {
  const first = packet[0]!;
  const csrcCount = first & 0x0f;
  let headerLength = 12 + csrcCount * 4;
  if ((first & 0x10) !== 0) {
    if (packet.length < headerLength + 4) return false;
    headerLength += 4 + packet.readUInt16BE(headerLength + 2) * 4;
  }
  if (packet.length < headerLength + trailerLength) return false;
  into.padding = (first & 0x20) !== 0;
  const second = packet[1]!;
  into.marker = (second & 0x80) !== 0;
  into.payloadType = second & 0x7f;
  into.sequenceNumber = packet.readUInt16BE(2);
  into.timestamp = packet.readUInt32BE(4);
  into.ssrc = packet.readUInt32BE(8);
  into.csrcCount = csrcCount;
  into.headerLength = headerLength;
  return true;
}
