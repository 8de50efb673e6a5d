"use client";

import { Loader2, Mic, MicOff, Video, VideoOff } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { useSession } from "../../components/session-provider.tsx";
import { connectToMediaRoom, type MediaRoomConnection } from "../../lib/media/connect-to-media-room.ts";
import { useConnectionQuality } from "../../lib/media/use-connection-quality.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { ConnectionQualityBadge } from "./connection-quality-badge.tsx";

const REJOIN_DELAY_MS = 1_000;
const publishingKey = (sessionId: string) => `tweeps:publishing:${sessionId}`;

type IceServer = { urls: string | string[]; username?: string; credential?: string };
type Kind = "audio" | "video";

/**
 * The video session (SPEC 5): one peer connection per party to our SFU. The provider
 * publishes camera and microphone after "Start session"; the customer receives from the
 * start with camera and microphone off, and may switch either on or off at any time without
 * a new negotiation (the sender's track is replaced).
 */
export function SessionVideo(props: {
  sessionId: string;
  role: "customer" | "provider";
  live: boolean;
  /** The server paused the clock: the SFU sees the provider's media not reaching the customer. */
  stalled: boolean;
  iceServers: IceServer[];
  counterpart: string;
}) {
  const { sessionId, role, live, stalled, iceServers, counterpart } = props;
  const t = useTranslations("live");
  const describeError = useErrorMessage();
  const { request } = useSession();
  const remoteVideo = useRef<HTMLVideoElement>(null);
  const localVideo = useRef<HTMLVideoElement>(null);
  const connection = useRef<MediaRoomConnection | null>(null);
  const localTracks = useRef<Partial<Record<Kind, MediaStreamTrack>>>({});
  const [joined, setJoined] = useState(false);
  const [joining, setJoining] = useState(false);
  const [sending, setSending] = useState<Record<Kind, boolean>>({ audio: false, video: false });
  const [problem, setProblem] = useState<string | null>(null);
  const [remoteShowing, setRemoteShowing] = useState(false);
  // The connection in use, as state too, so the quality indicator follows each rejoin.
  const [peer, setPeer] = useState<RTCPeerConnection | null>(null);
  const quality = useConnectionQuality(peer, stalled);
  const liveRef = useRef(live);
  const rejoinTimer = useRef<number | undefined>(undefined);
  useEffect(() => {
    liveRef.current = live;
  }, [live]);

  async function join(localStream: MediaStream | null): Promise<boolean> {
    setJoining(true);
    setProblem(null);
    try {
      const joinedRoom = await connectToMediaRoom({
        iceServers,
        localStream,
        signal: async (offerSdp) => (await request("media:join", { sessionId, offerSdp })).answerSdp,
        onEnded: () => rejoinSoon(),
      });
      connection.current = joinedRoom;
      setPeer(joinedRoom.pc);
      if (remoteVideo.current) remoteVideo.current.srcObject = joinedRoom.remoteStream;
      setJoined(true);
      return true;
    } catch (error) {
      setProblem(describeError(error));
      return false;
    } finally {
      setJoining(false);
    }
  }

  /**
   * SPEC 19: a connection lost while the session is live (the network dropped, the SFU gave up
   * on a silent peer) is replaced by a new one to the same room, with what this side was
   * sending, every second until it works or the session ends (the grace runs out).
   */
  function rejoinSoon() {
    connection.current?.close();
    connection.current = null;
    setPeer(null);
    setRemoteShowing(false);
    window.clearTimeout(rejoinTimer.current);
    if (!liveRef.current) return;
    rejoinTimer.current = window.setTimeout(() => {
      if (!liveRef.current || connection.current) return;
      const tracks = Object.values(localTracks.current).filter((track): track is MediaStreamTrack => Boolean(track));
      void join(tracks.length ? new MediaStream(tracks) : null).then((ok) => {
        if (!ok) rejoinSoon();
      });
    }, REJOIN_DELAY_MS);
  }

  // The customer receives at once; the provider joins with "Start session", and after a reload
  // of a session already started, at once again (SPEC 19: the page rejoins the same room).
  useEffect(() => {
    if (!live || connection.current) return;
    const publishing = role === "provider" && window.sessionStorage.getItem(publishingKey(sessionId)) !== null;
    // Deferred: joining updates this component's state, which must not happen inside the effect itself.
    if (role === "customer" || publishing) queueMicrotask(() => void (publishing ? startSession() : join(null)));
    // join is stable enough for a one-time start; re-running it would renegotiate.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [role, live]);

  useEffect(() => {
    if (live) return;
    connection.current?.close();
    connection.current = null;
    // Deferred like the join: the indicator goes with the connection.
    queueMicrotask(() => setPeer(null));
    Object.values(localTracks.current).forEach((track) => track?.stop());
    localTracks.current = {};
    // The controls hide with `live`; nothing else to reset.
  }, [live]);

  useEffect(
    () => () => {
      window.clearTimeout(rejoinTimer.current);
      connection.current?.close();
      Object.values(localTracks.current).forEach((track) => track?.stop());
    },
    [],
  );

  async function startSession() {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      stream.getTracks().forEach((track) => (localTracks.current[track.kind as Kind] = track));
      if (localVideo.current) localVideo.current.srcObject = stream;
      setSending({ audio: true, video: true });
      window.sessionStorage.setItem(publishingKey(sessionId), "1");
      await join(stream);
    } catch (error) {
      setProblem(error instanceof DOMException ? t("deviceError") : describeError(error));
    }
  }

  async function toggle(kind: Kind) {
    const room = connection.current;
    if (!room) return;
    try {
      if (sending[kind]) {
        await room.setSending(kind, null);
        localTracks.current[kind]?.stop();
        delete localTracks.current[kind];
      } else {
        const stream = await navigator.mediaDevices.getUserMedia(kind === "video" ? { video: true } : { audio: true });
        const [track] = stream.getTracks();
        if (!track) return;
        localTracks.current[kind] = track;
        await room.setSending(kind, track);
      }
      const preview = new MediaStream(Object.values(localTracks.current).filter((track): track is MediaStreamTrack => Boolean(track && track.kind === "video")));
      if (localVideo.current) localVideo.current.srcObject = preview.getTracks().length ? preview : null;
      setSending((current) => ({ ...current, [kind]: !current[kind] }));
    } catch (error) {
      setProblem(error instanceof DOMException ? t("deviceError") : describeError(error));
    }
  }

  const toggleClass =
    "inline-flex min-h-10 items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-50";
  return (
    <section aria-label={t("videoTitle")} className="space-y-4">
      <div className="grid gap-4 md:grid-cols-[minmax(0,3fr)_minmax(0,1fr)]">
        <div className="relative aspect-video overflow-hidden rounded-2xl bg-slate-900">
          <video
            ref={remoteVideo}
            autoPlay
            playsInline
            aria-label={t("remoteVideo", { name: counterpart })}
            data-testid="remote-video"
            onPlaying={() => setRemoteShowing(true)}
            className="size-full object-contain"
          />
          {!remoteShowing ? (
            <p className="absolute inset-0 grid place-items-center p-4 text-center text-sm text-slate-200">
              {role === "customer" ? t("waitingForProvider") : t("customerCameraOff")}
            </p>
          ) : null}
        </div>
        <div className="relative aspect-video overflow-hidden rounded-2xl bg-slate-800">
          <video ref={localVideo} autoPlay playsInline muted aria-label={t("localVideo")} className="size-full object-cover" />
          {!sending.video ? <p className="absolute inset-0 grid place-items-center text-xs text-slate-300">{t("yourCameraOff")}</p> : null}
        </div>
      </div>

      {problem ? <p role="alert" className="text-sm text-red-700">{problem}</p> : null}

      <div className="flex flex-wrap gap-2">
        {role === "provider" && !joined && live ? (
          <button
            type="button"
            onClick={() => void startSession()}
            disabled={joining}
            aria-busy={joining || undefined}
            className="inline-flex min-h-10 items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60"
          >
            {joining ? <Loader2 aria-hidden="true" className="size-4 animate-spin" /> : <Video aria-hidden="true" className="size-4" />}
            {t("startSession")}
          </button>
        ) : null}
        {role === "customer" && joining ? (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-700">
            <Loader2 aria-hidden="true" className="size-4 animate-spin" />
            {t("connecting")}
          </p>
        ) : null}
        {joined && live ? (
          <>
            <ConnectionQualityBadge quality={quality} />
            <button type="button" onClick={() => void toggle("video")} className={toggleClass}>
              {sending.video ? <VideoOff aria-hidden="true" className="size-4" /> : <Video aria-hidden="true" className="size-4" />}
              {sending.video ? t("cameraOff") : t("cameraOn")}
            </button>
            <button type="button" onClick={() => void toggle("audio")} className={toggleClass}>
              {sending.audio ? <MicOff aria-hidden="true" className="size-4" /> : <Mic aria-hidden="true" className="size-4" />}
              {sending.audio ? t("micOff") : t("micOn")}
            </button>
          </>
        ) : null}
      </div>
    </section>
  );
}
