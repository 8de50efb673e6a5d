import type { RTCDtlsTransport } from "werift";

/** Handles one SRTP datagram; answers false to hand it back to werift's own path. */
export type SrtpTap = (datagram: Buffer) => boolean;

// The werift internals used below: the ICE connection's local sockets (one per host address) and
// the callback each calls with a datagram. Checked where used, so a werift upgrade that moves them
// leaves every packet on werift's path.
type UdpInternals = { onData?: (data: Buffer, address: unknown) => void };
type ProtocolInternals = { type?: string; transport?: UdpInternals };
type TransportInternals = { packetsReceived: number; bytesReceived: number; iceTransport?: { connection?: { protocols?: ProtocolInternals[] } } };

const RTP_VERSION_BITS = 0x80;
/** RTCP packet types 192–223 (RFC 5761 §4) share the first byte's layout with RTP. */
const FIRST_RTCP_TYPE = 192;
const LAST_RTCP_TYPE = 223;

/**
 * Takes the SRTP packets of a connected transport straight from its sockets, before werift's ICE,
 * DTLS and SRTP layers each parse and dispatch them. STUN (consent), DTLS and SRTCP datagrams, and
 * any RTP the tap declines, go on to werift as before. Answers a function that puts werift's
 * callbacks back, or undefined when the sockets are not where this expects them.
 */
export function interceptSrtp(transport: RTCDtlsTransport, tap: SrtpTap): (() => void) | undefined {
  const internals = transport as unknown as TransportInternals;
  const protocols = internals.iceTransport?.connection?.protocols;
  if (!Array.isArray(protocols) || typeof internals.packetsReceived !== "number" || typeof internals.bytesReceived !== "number") return undefined;
  // TURN-relayed datagrams arrive wrapped and are unwrapped by werift; only direct sockets are tapped.
  const sockets = protocols.map((protocol) => protocol.transport).filter((socket) => typeof socket?.onData === "function") as Required<UdpInternals>[];
  if (sockets.length === 0) return undefined;
  const restores = sockets.map((socket) => {
    const werift = socket.onData;
    socket.onData = (data, address) => {
      if (isRtp(data) && tap(data)) {
        // werift's counts of what arrived, which the silence and media watches read.
        internals.packetsReceived++;
        internals.bytesReceived += data.length;
        return;
      }
      werift(data, address);
    };
    return () => {
      socket.onData = werift;
    };
  });
  return () => {
    for (const restore of restores) restore();
  };
}

/** RTP (not STUN, DTLS or RTCP): version 2 and a second byte outside RTCP's packet types. */
function isRtp(data: Buffer): boolean {
  if (data.length < 12 || (data[0]! & 0xc0) !== RTP_VERSION_BITS) return false;
  const second = data[1]!;
  return second < FIRST_RTCP_TYPE || second > LAST_RTCP_TYPE;
}
