"use client";

import { Circle, Download, Trash2 } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { useSession } from "../../components/session-provider.tsx";
import { apiRequest } from "../../lib/api-client.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import type { RecordingFile, RecordingState, SessionRecordings } from "../../../contract/recordings.ts";

type Role = "customer" | "provider";

/**
 * SPEC 18 on the session page: ask to record, consent to the other party's ask, stop; a
 * recording indicator on both sides while it runs; and the session's recordings, played,
 * downloaded (5-minute links) or deleted by either party.
 */
export function SessionRecording({ sessionId, role, live }: { sessionId: string; role: Role; live: boolean }) {
  const t = useTranslations("recording");
  const describeError = useErrorMessage();
  const { subscribe } = useSession();
  const [data, setData] = useState<SessionRecordings | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const reload = useCallback(() => {
    apiRequest<SessionRecordings>(`/sessions/${sessionId}/recordings`)
      .then(setData)
      .catch(() => undefined);
  }, [sessionId]);
  useEffect(() => {
    reload();
    const offs = [subscribe("recording:updated", (event) => (event.sessionId === sessionId ? reload() : undefined)), subscribe("reconnect", reload)];
    return () => offs.forEach((off) => off());
  }, [sessionId, reload, subscribe]);

  async function act(action: "ask" | "consent" | "stop") {
    setBusy(true);
    setProblem(null);
    try {
      const { recording } = await apiRequest<{ recording: RecordingState }>(`/sessions/${sessionId}/recording`, { body: { action } });
      setData((current) => (current ? { ...current, state: recording } : current));
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  if (!data) return null;
  const { state } = data;
  const askedByMe = state.askedByRole === role;
  const button = "inline-flex min-h-9 items-center gap-2 rounded-lg px-3 py-1.5 text-sm font-semibold";
  return (
    <section aria-label={t("heading")} className="mt-4 space-y-3">
      {state.status === "recording" ? (
        <p role="status" data-testid="recording-indicator" className="inline-flex items-center gap-2 rounded-full bg-red-50 px-3 py-1 text-sm font-semibold text-red-700">
          <Circle aria-hidden="true" className="size-3 animate-pulse fill-red-600 text-red-600" />
          {t("indicator")}
        </p>
      ) : null}
      {live ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {state.status === "none" ? (
            <button type="button" disabled={busy} onClick={() => void act("ask")} className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}>
              {t("ask")}
            </button>
          ) : null}
          {state.status === "asked" && !askedByMe ? (
            <>
              <span role="status">{t("askedByOther")}</span>
              <button type="button" disabled={busy} onClick={() => void act("consent")} className={`${button} bg-indigo-600 text-white hover:bg-indigo-700`}>
                {t("consent")}
              </button>
            </>
          ) : null}
          {state.status === "asked" && askedByMe ? <span role="status">{t("waitingForConsent")}</span> : null}
          {state.status !== "none" ? (
            <button type="button" disabled={busy} onClick={() => void act("stop")} className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}>
              {state.status === "recording" ? t("stop") : askedByMe ? t("withdraw") : t("decline")}
            </button>
          ) : null}
        </div>
      ) : null}
      {problem ? <AlertMessage message={problem} /> : null}
      {data.files.length > 0 ? <RecordingList sessionId={sessionId} files={data.files} onDeleted={reload} /> : null}
    </section>
  );
}

function RecordingList({ sessionId, files, onDeleted }: { sessionId: string; files: RecordingFile[]; onDeleted: () => void }) {
  const t = useTranslations("recording");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const [playing, setPlaying] = useState<{ id: string; url: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // Links live 5 minutes: each play or download asks for a fresh one.
  const linkFor = (file: RecordingFile) => apiRequest<{ url: string }>(`/sessions/${sessionId}/recordings/${file.id}/link`);
  async function play(file: RecordingFile) {
    setProblem(null);
    try {
      setPlaying({ id: file.id, url: (await linkFor(file)).url });
    } catch (error) {
      setProblem(describeError(error));
    }
  }
  async function download(file: RecordingFile) {
    setProblem(null);
    try {
      window.location.assign(`${(await linkFor(file)).url}?download=1`);
    } catch (error) {
      setProblem(describeError(error));
    }
  }
  async function remove(file: RecordingFile) {
    if (!window.confirm(t("confirmDelete"))) return;
    try {
      await apiRequest(`/sessions/${sessionId}/recordings/${file.id}`, { method: "DELETE" });
      onDeleted();
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-base font-semibold text-slate-900">{t("listHeading")}</h2>
      <p className="text-xs text-slate-600">{t("kept")}</p>
      {problem ? <AlertMessage message={problem} /> : null}
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {files.map((file) => (
          <li key={file.id} className="py-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span>
                {t(`track.${file.role}.${file.kind}`)} · {formatSeconds(file.durationMs)} · {new Date(file.startedAt).toLocaleString(locale)}
              </span>
              <span className="flex gap-2">
                <button type="button" onClick={() => void play(file)} className="rounded-lg border border-slate-300 px-2 py-1 font-medium hover:bg-slate-50">
                  {t("play")}
                </button>
                <button type="button" onClick={() => void download(file)} className="inline-flex items-center gap-1 rounded-lg border border-slate-300 px-2 py-1 font-medium hover:bg-slate-50">
                  <Download aria-hidden="true" className="size-4" />
                  {t("download")}
                </button>
                <button type="button" onClick={() => void remove(file)} className="inline-flex items-center gap-1 rounded-lg border border-red-200 px-2 py-1 font-medium text-red-700 hover:bg-red-50">
                  <Trash2 aria-hidden="true" className="size-4" />
                  {t("delete")}
                </button>
              </span>
            </div>
            {playing?.id === file.id ? (
              file.kind === "video" ? (
                <video src={playing.url} controls autoPlay className="mt-2 w-full rounded-lg bg-black" />
              ) : (
                <audio src={playing.url} controls autoPlay className="mt-2 w-full" />
              )
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function formatSeconds(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
