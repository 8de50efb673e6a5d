import { PictureLossIndication, type RtcpPacket, RtcpPayloadSpecificFeedback } from "werift";
import { NO_SSRC, type Party } from "./room-state.ts";

/** RFC 5104 feedback message type of a Full Intra Request (werift does not export its class). */
const FULL_INTRA_REQUEST_FMT = 4;

/** Keyframes are expensive for the publisher's encoder and uplink; subscribers ask far more often. */
export const KEYFRAME_REQUEST_INTERVAL_MS = 500;

/**
 * Sends a PLI to a publishing party. Requests within the interval are merged into one sent at its
 * end, so the latest asker (a subscriber that just connected) still gets a keyframe it can use.
 */
export function requestKeyframe(party: Party): void {
  if (party.released || !party.connected || party.videoSourceSsrc === NO_SSRC) return;
  const now = performance.now();
  const wait = party.lastKeyframeRequestAt + KEYFRAME_REQUEST_INTERVAL_MS - now;
  if (wait > 0) {
    if (party.keyframeTimer === undefined) {
      party.keyframeTimer = setTimeout(() => {
        party.keyframeTimer = undefined;
        requestKeyframe(party);
      }, Math.ceil(wait));
    }
    return;
  }
  party.lastKeyframeRequestAt = now;
  party.videoReceiver.sendRtcpPLI(party.videoSourceSsrc).catch(() => {
    // werift already swallows transport errors here; a lost PLI is repeated by the subscriber.
  });
}

export function cancelKeyframeRequest(party: Party) {
  if (party.keyframeTimer !== undefined) clearTimeout(party.keyframeTimer);
  party.keyframeTimer = undefined;
}

/**
 * Calls `onRequest` for each PLI or FIR the party sends about the video it receives. Read from the
 * transport rather than from werift's sender: werift routes feedback by the sender SSRC first,
 * which a browser that also publishes sets to its own stream, so the sender would never see it.
 */
export function watchKeyframeRequests(party: Party, onRequest: () => void): () => void {
  const transports = new Set(party.pc.getTransceivers().map((transceiver) => transceiver.dtlsTransport));
  const unsubscribers = [...transports].map(
    (transport) =>
      transport.onRtcp.subscribe((packet: RtcpPacket) => {
        if (packet.type !== RtcpPayloadSpecificFeedback.type) return;
        const count = packet.feedback.count;
        if (count === PictureLossIndication.count || count === FULL_INTRA_REQUEST_FMT) onRequest();
      }).unSubscribe,
  );
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
