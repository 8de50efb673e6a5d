import { RtcpRrPacket, RtcpSrPacket, type RtpPacket } from "werift";
import type { AnsweredPeer } from "./answer-offer.ts";
import { cacheSrtpKeys } from "./cache-srtp-keys.ts";
import { type ForwardingCounters, forwardRtp } from "./forward-rtp.ts";
import { startSrtpForwarding } from "./forward-srtp.ts";
import type { MediaRole } from "./join-token.ts";
import { cancelKeyframeRequest, watchKeyframeRequests } from "./request-keyframe.ts";
import { type MediaKind, NO_SSRC, type Party, type Room } from "./room-state.ts";
import { sendCloseNotify } from "./send-close-notify.ts";
import { startRtcpReports } from "./send-rtcp-reports.ts";

export type PartyHooks = {
  readonly counters: ForwardingCounters;
  onConnected(party: Party): void;
  onStopped(party: Party, reason: "closed" | "failed"): void;
  /** The party asked for a keyframe of the video it receives. */
  onKeyframeRequest(party: Party): void;
};

export function createParty(input: { role: MediaRole; userId: string; peer: AnsweredPeer }): Party {
  const { peer } = input;
  return {
    role: input.role,
    userId: input.userId,
    pc: peer.pc,
    transport: peer.video.dtlsTransport,
    audioOut: { sender: peer.audio.sender, sourceSsrc: NO_SSRC, forwarder: undefined, srtp: undefined },
    videoOut: { sender: peer.video.sender, sourceSsrc: NO_SSRC, forwarder: undefined, srtp: undefined },
    videoReceiver: peer.video.receiver,
    connected: false,
    released: false,
    videoSourceSsrc: NO_SSRC,
    lastKeyframeRequestAt: Number.NEGATIVE_INFINITY,
    packetsReceivedSeen: 0,
    lastHeardAt: performance.now(),
    keyframeTimer: undefined,
    videoFractionLost: 0,
    videoLossReportedAt: Number.NEGATIVE_INFINITY,
    disposers: [],
  };
}

/** Subscribes to everything werift reports about the party's peer; `releaseParty` undoes it. */
export function attachParty(room: Room, party: Party, peer: AnsweredPeer, hooks: PartyHooks) {
  const { disposers } = party;
  const kinds: [MediaKind, AnsweredPeer["audio"]][] = [
    ["audio", peer.audio],
    ["video", peer.video],
  ];
  for (const [kind, transceiver] of kinds) {
    // One closure per track, made here, so the per-packet path allocates nothing.
    const forward = (packet: RtpPacket) => forwardRtp(hooks.counters, room, party, kind, packet);
    for (const track of transceiver.receiver.tracks) disposers.push(track.onReceiveRtp.subscribe(forward).unSubscribe);
    disposers.push(transceiver.onTrack.subscribe((track) => disposers.push(track.onReceiveRtp.subscribe(forward).unSubscribe)).unSubscribe);
  }

  disposers.push(
    party.pc.connectionStateChange.subscribe((state) => {
      if (state === "connected") hooks.onConnected(party);
      else if (state === "failed" || state === "closed") hooks.onStopped(party, state);
    }).unSubscribe,
  );
  // A browser's DTLS close_notify closes the transport without changing werift's connection state.
  for (const transport of new Set([peer.audio.dtlsTransport, peer.video.dtlsTransport])) {
    disposers.push(
      transport.onStateChange.subscribe((state) => {
        // werift has made the transport's SRTP contexts just before reporting it connected.
        if (state === "connected") {
          cacheSrtpKeys(transport);
          disposers.push(startSrtpForwarding(room, party, peer, hooks.counters), startRtcpReports(peer));
        } else if (state === "closed" || state === "failed") hooks.onStopped(party, state);
      }).unSubscribe,
    );
  }
  disposers.push(watchKeyframeRequests(party, () => hooks.onKeyframeRequest(party)));
  disposers.push(watchVideoLoss(party));
}

/** Keeps the loss the party's receiver reports for the video the SFU sends it (RFC 3550 6.4.2). */
function watchVideoLoss(party: Party): () => void {
  const sender = party.videoOut.sender;
  return sender.onRtcp.subscribe((packet) => {
    if (packet.type !== RtcpRrPacket.type && packet.type !== RtcpSrPacket.type) return;
    for (const report of packet.reports) {
      if (report.ssrc !== sender.ssrc) continue;
      party.videoFractionLost = report.fractionLost / 256;
      party.videoLossReportedAt = performance.now();
    }
  }).unSubscribe;
}

/** Lets go of a party's peer; `notifyPeer` tells the browser at once instead of by ICE timeout. */
export async function releaseParty(party: Party, options: { notifyPeer: boolean }): Promise<void> {
  if (party.released) return;
  party.released = true;
  party.connected = false;
  cancelKeyframeRequest(party);
  for (const dispose of party.disposers.splice(0)) dispose();
  if (options.notifyPeer) await sendCloseNotify(party.pc);
  await party.pc.close().catch(() => undefined);
}
