import { RTCPeerConnection, type RTCPeerConnectionConfig, type RTCRtpTransceiver } from "werift";
import { MediaError } from "./media-error.ts";

export type AnsweredPeer = {
  pc: RTCPeerConnection;
  audio: RTCRtpTransceiver;
  video: RTCRtpTransceiver;
  answerSdp: string;
};

const MAX_OFFER_LENGTH = 64 * 1024;

/**
 * Answers a browser's one and only offer (audio then video, both sendrecv, ICE fully gathered).
 * The SFU's transceivers exist before the offer is applied: werift would otherwise create them
 * receive-only, and the SFU could never send back on them without a renegotiation.
 */
export async function answerOffer(config: RTCPeerConnectionConfig, offerSdp: string): Promise<AnsweredPeer> {
  if (typeof offerSdp !== "string" || offerSdp.length > MAX_OFFER_LENGTH || !offerSdp.startsWith("v=0")) {
    throw new MediaError("invalid_offer", "The offer is not an SDP description.");
  }
  const pc = new RTCPeerConnection(config);
  // werift's transport-wide congestion control feedback is malformed (not padded to 32 bits), so
  // a browser that relied on it starved its video at ~100 kbps; without it the browser falls back
  // to loss-based estimation from receiver reports, which ramps up normally.
  const offer = offerSdp.replace(/^a=rtcp-fb:\d+ transport-cc\r?\n/gm, "");
  const audio = pc.addTransceiver("audio", { direction: "sendrecv" });
  const video = pc.addTransceiver("video", { direction: "sendrecv" });
  try {
    await pc.setRemoteDescription({ type: "offer", sdp: offer });
    if (pc.getTransceivers().length !== 2 || audio.mid === null || video.mid === null || pc.sctpTransport) {
      throw new MediaError("invalid_offer", "The offer must hold exactly one audio and one video section.");
    }
    if (audio.codecs.length === 0 || video.codecs.length === 0) {
      throw new MediaError("invalid_offer", "The offer must allow Opus audio and VP8 video.");
    }
    // Resolves once host (and any STUN/TURN) candidates are gathered: the answer carries them all.
    await pc.setLocalDescription(await pc.createAnswer());
    const answerSdp = placeIceLiteInSession(pc.localDescription?.sdp);
    if (!answerSdp) throw new MediaError("invalid_offer", "No answer could be made for the offer.");
    return { pc, audio, video, answerSdp };
  } catch (error) {
    await pc.close().catch(() => undefined);
    if (error instanceof MediaError) throw error;
    throw new MediaError("invalid_offer", "The offer could not be negotiated.", { cause: error });
  }
}

/**
 * `a=ice-lite` belongs to the session (RFC 8839 §5.3); werift writes it in each media section,
 * where Chromium does not read it: it then took the SFU for a full agent and never connected.
 */
function placeIceLiteInSession(sdp: string | undefined): string | undefined {
  if (sdp === undefined || !/^a=ice-lite\r?$/m.test(sdp)) return sdp;
  const withoutLines = sdp.replace(/^a=ice-lite\r?\n/gm, "");
  const firstMedia = withoutLines.search(/^m=/m);
  if (firstMedia < 0) return sdp;
  return `${withoutLines.slice(0, firstMedia)}a=ice-lite\r\n${withoutLines.slice(firstMedia)}`;
}
