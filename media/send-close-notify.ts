import type { RTCPeerConnection } from "werift";

// The few werift DTLS internals needed below, typed here so that a werift upgrade that moves
// them makes this a no-op rather than a crash.
type RecordHeader = {
  contentType: number;
  protocolVersion: { major: number; minor: number };
  epoch: number;
  sequenceNumber: number;
  contentLen: number;
};
type DtlsInternals = {
  connected?: boolean;
  dtls?: { version: { major: number; minor: number }; epoch: number; recordSequenceNumber: number };
  cipher?: { encryptPacket(packet: { recordLayerHeader: RecordHeader; fragment: Buffer }): { fragment: Buffer } };
  transport?: { send(data: Buffer): Promise<void> };
};

const CONTENT_TYPE_ALERT = 21;
const ALERT_WARNING_CLOSE_NOTIFY = Buffer.from([1, 0]);

/**
 * werift closes a peer without telling the other side (its DTLS stop is unimplemented), so the
 * browser would notice only when ICE consent expires, about 30 s later. A DTLS close_notify makes
 * it drop the transport at once, which is what a cut-off needs.
 */
export async function sendCloseNotify(pc: RTCPeerConnection): Promise<void> {
  const transports = new Set(pc.getTransceivers().map((transceiver) => transceiver.dtlsTransport));
  for (const transport of transports) {
    if (transport?.state !== "connected") continue;
    try {
      const socket = (transport as unknown as { dtls?: DtlsInternals }).dtls;
      const context = socket?.dtls;
      if (!socket?.connected || !context || !socket.cipher || !socket.transport) continue;
      const header: RecordHeader = {
        contentType: CONTENT_TYPE_ALERT,
        protocolVersion: context.version,
        epoch: context.epoch,
        sequenceNumber: ++context.recordSequenceNumber,
        contentLen: ALERT_WARNING_CLOSE_NOTIFY.length,
      };
      const { fragment } = socket.cipher.encryptPacket({ recordLayerHeader: header, fragment: ALERT_WARNING_CLOSE_NOTIFY });
      await socket.transport.send(serializeRecord(header, fragment));
    } catch {
      // Best effort: the peer still learns of the close through ICE consent expiry.
    }
  }
  // Node hands a datagram to the OS only on a later tick (address lookup); closing the socket
  // before that would silently drop the alert.
  await new Promise((resolve) => setImmediate(resolve));
}

function serializeRecord(header: RecordHeader, fragment: Buffer): Buffer {
  const record = Buffer.alloc(13 + fragment.length);
  record.writeUInt8(header.contentType, 0);
  record.writeUInt8(header.protocolVersion.major, 1);
  record.writeUInt8(header.protocolVersion.minor, 2);
  record.writeUInt16BE(header.epoch, 3);
  record.writeUIntBE(header.sequenceNumber, 5, 6);
  record.writeUInt16BE(fragment.length, 11);
  fragment.copy(record, 13);
  return record;
}
