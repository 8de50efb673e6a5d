"use client";

import { Volume2 } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { createRingToneUri } from "../lib/ring-tone.ts";

type Devices = { cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[]; speakers: MediaDeviceInfo[] };

/**
 * Before a video call (issue "The session page's end and start"): the camera and microphone
 * preview with a choice of device, a microphone level, and a speaker test, so people fix their
 * setup before they pay. Nothing leaves the browser.
 */
export function DeviceCheck() {
  const t = useTranslations("devices");
  const preview = useRef<HTMLVideoElement>(null);
  const speaker = useRef<HTMLAudioElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const tone = useMemo(() => (typeof window === "undefined" ? undefined : createRingToneUri()), []);
  const [devices, setDevices] = useState<Devices>({ cameras: [], microphones: [], speakers: [] });
  const [camera, setCamera] = useState("");
  const [microphone, setMicrophone] = useState("");
  const [output, setOutput] = useState("");
  const [level, setLevel] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let frame = 0;
    let audioContext: AudioContext | undefined;
    navigator.mediaDevices
      .getUserMedia({ video: camera ? { deviceId: { exact: camera } } : true, audio: microphone ? { deviceId: { exact: microphone } } : true })
      .then(async (media) => {
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        stream.current = media;
        if (preview.current) preview.current.srcObject = media;
        // Labels are readable only once access was granted.
        const all = await navigator.mediaDevices.enumerateDevices();
        setDevices({
          cameras: all.filter((d) => d.kind === "videoinput"),
          microphones: all.filter((d) => d.kind === "audioinput"),
          speakers: all.filter((d) => d.kind === "audiooutput"),
        });
        setProblem(null);
        audioContext = new AudioContext();
        const analyser = audioContext.createAnalyser();
        audioContext.createMediaStreamSource(media).connect(analyser);
        const samples = new Uint8Array(analyser.fftSize);
        const measure = () => {
          analyser.getByteTimeDomainData(samples);
          let peak = 0;
          for (const sample of samples) peak = Math.max(peak, Math.abs(sample - 128));
          setLevel(Math.min(100, Math.round((peak / 128) * 100)));
          frame = requestAnimationFrame(measure);
        };
        measure();
      })
      .catch(() => setProblem(t("noAccess")));
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      void audioContext?.close();
      stream.current?.getTracks().forEach((track) => track.stop());
    };
  }, [camera, microphone, t]);

  async function testSpeaker() {
    const element = speaker.current as (HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (!element) return;
    if (output && element.setSinkId) await element.setSinkId(output).catch(() => undefined);
    element.currentTime = 0;
    await element.play().catch(() => setProblem(t("noSound")));
    window.setTimeout(() => element.pause(), 2_000);
  }

  const select = "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <section aria-labelledby="devices-heading" className="mx-auto max-w-2xl space-y-4">
      <h1 id="devices-heading" className="text-2xl font-bold tracking-tight text-slate-900">
        {t("title")}
      </h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {problem ? <p role="alert" className="text-sm text-red-700">{problem}</p> : null}
      <video ref={preview} autoPlay playsInline muted aria-label={t("preview")} className="aspect-video w-full rounded-2xl bg-slate-900 object-cover" />
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="text-sm font-medium text-slate-800">
          {t("camera")}
          <select value={camera} onChange={(event) => setCamera(event.target.value)} className={select}>
            {devices.cameras.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `${t("camera")} ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          {t("microphone")}
          <select value={microphone} onChange={(event) => setMicrophone(event.target.value)} className={select}>
            {devices.microphones.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `${t("microphone")} ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          {t("speaker")}
          <select value={output} onChange={(event) => setOutput(event.target.value)} className={select}>
            {devices.speakers.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `${t("speaker")} ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div>
        <p id="level-label" className="text-sm font-medium text-slate-800">
          {t("level")}
        </p>
        <div role="meter" aria-labelledby="level-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={level} className="mt-1 h-3 rounded-full bg-slate-200">
          <div className="h-3 rounded-full bg-emerald-500" style={{ width: `${level}%` }} />
        </div>
      </div>
      <audio ref={speaker} src={tone} preload="auto" />
      <button
        type="button"
        onClick={() => void testSpeaker()}
        className="inline-flex min-h-10 items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
      >
        <Volume2 aria-hidden="true" className="size-4" />
        {t("testSpeaker")}
      </button>
    </section>
  );
}
