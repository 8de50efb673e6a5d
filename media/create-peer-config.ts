import { RTCRtpCodecParameters, RTCRtpHeaderExtensionParameters, RTP_EXTENSION_URI, type RTCPeerConnectionConfig } from "werift";

export type IceServer = { urls: string | string[]; username?: string; credential?: string };

export type IceOptions = {
  /** Extra host candidates: loopback is always added; a public address here acts as an announced IP behind 1:1 NAT. */
  additionalHostAddresses?: string[];
  /** UDP ports to bind, so a firewall can open a fixed range; by default the OS picks. */
  portRange?: [number, number];
  /** Gather IPv6 host candidates as well (off by default: doubles sockets and checks for little gain). */
  useIpv6?: boolean;
};

const LOOPBACK = "127.0.0.1";

/**
 * One configuration for every SFU peer. Only VP8 and Opus are offered so that forwarded packets
 * never need transcoding: both parties necessarily agree on the codec.
 */
export function createPeerConfig(input: { iceServers: IceServer[]; ice: IceOptions }): RTCPeerConnectionConfig {
  const { ice } = input;
  return {
    codecs: {
      video: [
        new RTCRtpCodecParameters({
          mimeType: "video/VP8",
          clockRate: 90_000,
          // werift answers with the feedback types the browser offered; these are the ones the SFU
          // acts on (werift retransmits for NACKs, keyframe requests are relayed).
          rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "goog-remb" }],
        }),
      ],
      audio: [new RTCRtpCodecParameters({ mimeType: "audio/opus", clockRate: 48_000, channels: 2 })],
    },
    headerExtensions: {
      // No transport-wide sequence numbers (see answerOffer) and no abs-send-time: werift would
      // write both into every forwarded packet for feedback nobody uses.
      video: [extension(RTP_EXTENSION_URI.sdesMid)],
      audio: [extension(RTP_EXTENSION_URI.sdesMid)],
    },
    // werift's default is a public STUN server; only what the operator configured is used.
    iceServers: input.iceServers.map((server) => ({ ...server })),
    // werift skips loopback interfaces, but a browser on the same machine (development, tests)
    // reaches the SFU through 127.0.0.1.
    iceAdditionalHostAddresses: [...new Set([LOOPBACK, ...(ice.additionalHostAddresses ?? [])])],
    icePortRange: ice.portRange,
    iceUseIpv4: true,
    iceUseIpv6: ice.useIpv6 ?? false,
    bundlePolicy: "max-bundle",
    // With host candidates only (an address of its own, or MEDIA_PUBLIC_IP announced), the SFU is
    // an ICE-lite agent, as mediasoup and Janus are: the browser checks and nominates, the SFU
    // answers. werift's full agent also sent a consent check of its own to every peer every 5 s,
    // about a quarter of what a connected, silent session cost. A peer that goes away is found by
    // its media stopping (watchSilence, 10 s by default), sooner than consent's 30 s would find it.
    // Given STUN or TURN servers, the SFU may sit behind a NAT and needs their candidates, which a
    // lite agent does not gather: it stays a full agent.
    iceLite: input.iceServers.length === 0,
  };
}

function extension(uri: string) {
  return new RTCRtpHeaderExtensionParameters({ uri });
}
