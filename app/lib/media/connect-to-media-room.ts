export type MediaKind = "audio" | "video";

export type MediaRoomConnection = {
  pc: RTCPeerConnection;
  /** Receives the other party's audio and video tracks as they are negotiated. */
  remoteStream: MediaStream;
  /** Starts, swaps or stops (null) what this side sends, without renegotiating. */
  setSending(kind: MediaKind, track: MediaStreamTrack | null): Promise<void>;
  close(): void;
};

export type ConnectToMediaRoomOptions = {
  /** Hands the offer to the media server (through the app's socket) and resolves with its answer. */
  signal: (offerSdp: string) => Promise<string>;
  iceServers?: RTCIceServer[];
  /** Tracks to send from the start; with none, the customer joins with camera and microphone off. */
  localStream?: MediaStream | null;
  /** Longest wait for ICE gathering before the offer goes out with what was found. */
  iceGatheringTimeoutMs?: number;
  /**
   * Called once when the connection ends without close(): "closed" when the media server closed
   * it (a cut-off, the end of the session), "failed" when it was lost.
   */
  onEnded?: (reason: "closed" | "failed") => void;
};

const DEFAULT_ICE_GATHERING_TIMEOUT_MS = 3_000;
const DISCONNECTED_GIVE_UP_MS = 2_000;

/**
 * Opens this party's single connection to the media server. The offer is made once: both
 * transceivers are sendrecv from the start, so turning the camera on later is a replaceTrack()
 * and never a renegotiation. ICE is not trickled: the offer carries every candidate.
 */
export async function connectToMediaRoom(options: ConnectToMediaRoomOptions): Promise<MediaRoomConnection> {
  const pc = new RTCPeerConnection({ iceServers: options.iceServers ?? [], bundlePolicy: "max-bundle", rtcpMuxPolicy: "require" });
  const remoteStream = new MediaStream();
  pc.addEventListener("track", (event) => {
    if (!remoteStream.getTracks().includes(event.track)) remoteStream.addTrack(event.track);
  });

  const localStream = options.localStream ?? null;
  const streams = localStream ? [localStream] : [];
  const transceivers = {
    audio: pc.addTransceiver(localStream?.getAudioTracks()[0] ?? "audio", { direction: "sendrecv", streams }),
    video: pc.addTransceiver(localStream?.getVideoTracks()[0] ?? "video", { direction: "sendrecv", streams }),
  };

  try {
    await pc.setLocalDescription(await pc.createOffer());
    await waitForIceGathering(pc, options.iceGatheringTimeoutMs ?? DEFAULT_ICE_GATHERING_TIMEOUT_MS);
    const offerSdp = pc.localDescription?.sdp;
    if (!offerSdp) throw new Error("The browser made no offer.");
    const answerSdp = await options.signal(offerSdp);
    await pc.setRemoteDescription({ type: "answer", sdp: answerSdp });
  } catch (error) {
    pc.close();
    throw error;
  }

  let ended = false;
  const end = (reason: "closed" | "failed") => {
    if (ended) return;
    ended = true;
    options.onEnded?.(reason);
  };
  // The server's close reaches the DTLS transport at once; the connection state would stay
  // "connected" until ICE gives up several seconds later.
  const transport = transceivers.video.sender.transport;
  transport?.addEventListener("statechange", () => {
    if (transport.state === "closed" || transport.state === "failed") end(transport.state);
  });
  // "disconnected" is ICE noticing a silent path; a few seconds of it is a dropped network, and a
  // new connection to the same room (SPEC 19) is faster than waiting for "failed".
  let disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  pc.addEventListener("connectionstatechange", () => {
    clearTimeout(disconnectedTimer);
    if (pc.connectionState === "failed") end("failed");
    else if (pc.connectionState === "disconnected") disconnectedTimer = setTimeout(() => end("failed"), DISCONNECTED_GIVE_UP_MS);
  });

  return {
    pc,
    remoteStream,
    setSending: (kind, track) => transceivers[kind].sender.replaceTrack(track),
    close: () => {
      ended = true;
      clearTimeout(disconnectedTimer);
      pc.close();
      for (const track of remoteStream.getTracks()) track.stop();
    },
  };
}

/** Resolves when gathering is complete or the timeout passes, whichever comes first. */
function waitForIceGathering(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      pc.removeEventListener("icegatheringstatechange", onChange);
      resolve();
    };
    const onChange = () => {
      if (pc.iceGatheringState === "complete") finish();
    };
    // A STUN or TURN server that does not answer must not hold the call up: host candidates
    // are enough on a LAN, and the offer goes out with whatever was gathered.
    const timer = setTimeout(finish, timeoutMs);
    pc.addEventListener("icegatheringstatechange", onChange);
  });
}
