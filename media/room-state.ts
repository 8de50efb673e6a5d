import type { RTCDtlsTransport, RTCPeerConnection, RTCRtpReceiver, RTCRtpSender } from "werift";
import type { RtpForwarder } from "./create-rtp-forwarder.ts";
import type { SrtpForwarder } from "./create-srtp-forwarder.ts";
import type { MediaRole } from "./join-token.ts";
import type { RoomRecording } from "./recording/room-recording.ts";

/** What the SFU sends to a party for one kind, and which publisher stream last fed it. */
export type Outbound = {
  readonly sender: RTCRtpSender;
  /** SSRC of the publisher stream last written here; NO_SSRC before the first packet. */
  sourceSsrc: number;
  /** Made at the first packet once the sender is connected; null when werift's internals differ
   * from what it needs, and the sender's own `sendRtp` is used instead. */
  forwarder: RtpForwarder | null | undefined;
  /** The SFU's own SRTP path (see forward-srtp.ts), made when the transport connects; null when
   * it cannot serve this sender, and werift's path is used. */
  srtp: SrtpForwarder | null | undefined;
};

/** One party's single peer connection to the SFU, both as publisher and as subscriber. */
export type Party = {
  readonly role: MediaRole;
  readonly userId: string;
  readonly pc: RTCPeerConnection;
  /** The one (bundled) transport of the peer. */
  readonly transport: RTCDtlsTransport;
  readonly audioOut: Outbound;
  readonly videoOut: Outbound;
  readonly videoReceiver: RTCRtpReceiver;
  connected: boolean;
  /** Set once the SFU let go of this peer, so late callbacks from werift do nothing. */
  released: boolean;
  /** SSRC of the video this party publishes, learned from its packets; NO_SSRC until it sends some. */
  videoSourceSsrc: number;
  lastKeyframeRequestAt: number;
  /** The transport's received-packet count at the last silence check, and when it last grew
   * (before the peer connects: when it joined). */
  packetsReceivedSeen: number;
  lastHeardAt: number;
  keyframeTimer: NodeJS.Timeout | undefined;
  /** The fraction (0–1) of the video the SFU sends this party that its last RTCP receiver report
   * said was lost, and when (monotonic ms) that report came. */
  videoFractionLost: number;
  videoLossReportedAt: number;
  readonly disposers: (() => void)[];
};

export type Room = {
  readonly id: string;
  provider: Party | undefined;
  customer: Party | undefined;
  /** The provider's media is flowing to the customer: set by the first packet forwarded, cleared by
   * a stall (SPEC 19), so the next packet reports the flow again. */
  providerMediaForwarded: boolean;
  /** Monotonic ms of the last provider packet forwarded to the connected customer. */
  providerLastForwardAt: number;
  /** Monotonic ms of the flow last reported as evidence to the domain. */
  providerLastReportedAt: number;
  /** The connected customer stopped sending RTCP (its path is cut): the flow is not reported
   * again until it is heard. */
  customerSilent: boolean;
  closed: boolean;
  /** How the provider's media reached the customer since the last report (SPEC 19 quality). */
  quality: QualityTally;
  /** Monotonic ms since the room has had no party; an empty room is remembered for a while so
   * that a party coming back does not start a second session clock. */
  emptySince: number | undefined;
  /** Set while the room is recorded (SPEC 18): the forwarding path hands it what it forwards. */
  recording?: RoomRecording;
};

/** Clock-running time observed and how much of it was impaired, in milliseconds. */
export type QualityTally = {
  observedMs: number;
  impairedMs: number;
  /** The current gap in the provider's packets, counted once it ends with a packet: a gap that
   * turns into a stall pauses the clock from its start, so none of it is billed or credited. */
  pendingFrozenMs: number;
};

export type MediaKind = "audio" | "video";

/** SSRCs are unsigned 32-bit, so this never equals a real one. */
export const NO_SSRC = -1;

export function createRoom(id: string): Room {
  return {
    id,
    provider: undefined,
    customer: undefined,
    providerMediaForwarded: false,
    providerLastForwardAt: Number.NEGATIVE_INFINITY,
    providerLastReportedAt: Number.NEGATIVE_INFINITY,
    customerSilent: false,
    closed: false,
    quality: { observedMs: 0, impairedMs: 0, pendingFrozenMs: 0 },
    emptySince: undefined,
  };
}

export function getParty(room: Room, role: MediaRole): Party | undefined {
  return role === "provider" ? room.provider : room.customer;
}

export function setParty(room: Room, role: MediaRole, party: Party | undefined) {
  if (role === "provider") room.provider = party;
  else room.customer = party;
}

export function getCounterpart(room: Room, party: Party): Party | undefined {
  return party.role === "provider" ? room.customer : room.provider;
}

export function countParties(room: Room): number {
  return (room.provider ? 1 : 0) + (room.customer ? 1 : 0);
}
