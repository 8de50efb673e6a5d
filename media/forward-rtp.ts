import type { RtpPacket } from "werift";
import { createRtpForwarder } from "./create-rtp-forwarder.ts";
import { type MediaKind, NO_SSRC, type Party, type Room } from "./room-state.ts";

export type ForwardingCounters = {
  forwardedPackets: number;
  /** Of those, the packets forwarded on the SFU's own SRTP path (forward-srtp.ts) rather than werift's. */
  ownPathPackets: number;
  /** Called once the first provider packet handed to the customer's transport has been sent. */
  readonly confirmProviderMedia: (room: Room, customer: Party) => void;
  readonly dropProviderMediaConfirmation: (room: Room) => void;
  readonly reportSendError: (error: unknown) => void;
};

type Extensions = RtpPacket["header"]["extensions"];

// Shared and frozen: werift's sender replaces the array rather than appending to it, and should
// that ever change, a frozen array fails loudly instead of leaking extensions between packets.
const NO_EXTENSIONS = Object.freeze([]) as unknown as Extensions;

/**
 * The whole per-packet path of the SFU, kept in one function so that a profile shows its cost in
 * one place. It runs for every RTP packet a party sends, so it allocates nothing of its own on the
 * common path.
 */
export function forwardRtp(counters: ForwardingCounters, room: Room, from: Party, kind: MediaKind, packet: RtpPacket): void {
  const header = packet.header;
  if (kind === "video") from.videoSourceSsrc = header.ssrc;
  if (from.released) return;
  const to = from.role === "provider" ? room.customer : room.provider;
  if (to === undefined || !to.connected || to.released) return;
  const out = kind === "video" ? to.videoOut : to.audioOut;
  const sender = out.sender;
  if (sender.codec === undefined || sender.dtlsTransport === undefined || sender.dtlsTransport.state !== "connected") return;
  // What is forwarded is recorded, as the publisher sent it (the header is rewritten below).
  if (room.recording !== undefined) room.recording.write(from.role, kind, packet);

  if (header.ssrc !== out.sourceSsrc) {
    // A new publisher stream (the publisher reconnected) continues the subscriber's numbering with
    // a small gap, so its decoder waits for a keyframe instead of decoding across the splice.
    if (out.sourceSsrc !== NO_SSRC) {
      sender.replaceRTP(header, true);
      out.srtp?.forgetHistory();
    }
    out.sourceSsrc = header.ssrc;
  }
  if (out.forwarder === undefined) out.forwarder = createRtpForwarder(sender) ?? null;
  let sending: Promise<void>;
  if (out.forwarder !== null) {
    sending = out.forwarder(packet);
  } else {
    // Extension ids were negotiated with the publisher, not the subscriber; the sender writes its
    // own (mid, abs-send-time, transport-wide sequence number).
    header.extensions = NO_EXTENSIONS;
    sending = sender.sendRtp(packet);
  }
  noteForwarded(counters, room, from, to, sending);
}

/**
 * What follows a packet handed to a subscriber's transport, on either path: the count, and for the
 * provider's media the time it last flowed and, the first time after a stall, the report that it
 * flows (once the send went out, so a failed send does not start the clock).
 */
export function noteForwarded(counters: ForwardingCounters, room: Room, from: Party, to: Party, sending: Promise<void> | boolean): void {
  if (sending === false) return;
  counters.forwardedPackets++;
  if (from.role !== "provider") return;
  room.providerLastForwardAt = performance.now();
  if (room.providerMediaForwarded || room.customerSilent) return;
  room.providerMediaForwarded = true;
  if (sending === true) {
    queueMicrotask(() => counters.confirmProviderMedia(room, to));
    return;
  }
  sending.then(
    () => counters.confirmProviderMedia(room, to),
    (error: unknown) => {
      counters.dropProviderMediaConfirmation(room);
      counters.reportSendError(error);
    },
  );
}
