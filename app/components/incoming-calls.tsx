"use client";

import { Phone, PhoneOff, Volume2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import type { WaitingCall } from "../../contract/sessions.ts";
import { formatMoney } from "../lib/format-money.ts";
import { useOrderTitle } from "../lib/use-order-helpers.ts";
import { createRingToneUri } from "../lib/ring-tone.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useSession } from "./session-provider.tsx";

/**
 * SPEC 5: calls ring the provider wherever they are on the site. Under "Available" the tone
 * plays and the calls show at once; under another status no sound plays and a red badge
 * counts the waiting calls (the list opens from it). Answer takes both to the session page.
 */
export function IncomingCalls() {
  const t = useTranslations("live");
  const describeError = useErrorMessage();
  const router = useRouter();
  const { session, subscribe, request } = useSession();
  const [calls, setCalls] = useState<WaitingCall[]>([]);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [soundBlocked, setSoundBlocked] = useState(false);
  const titleOf = useOrderTitle();
  const locale = useLocale();
  const currency = session.status === "authenticated" ? session.currency : null;
  const audio = useRef<HTMLAudioElement>(null);
  const ringTone = useMemo(() => (typeof window === "undefined" ? undefined : createRingToneUri()), []);
  const userId = session.status === "authenticated" ? session.user.id : null;
  const available = session.status === "authenticated" && session.user.providerStatus === "available";

  const reload = useCallback(() => {
    request("calls:waiting", {})
      .then(({ calls: waiting }) => setCalls(waiting))
      .catch(() => undefined);
  }, [request]);

  useEffect(() => {
    if (!userId) return;
    reload();
    const drop = (sessionId: string) => setCalls((current) => current.filter((call) => call.sessionId !== sessionId));
    const offs = [
      subscribe("call:ringing", (call) => setCalls((current) => [...current.filter((c) => c.sessionId !== call.sessionId), call])),
      subscribe("call:ended", (event) => drop(event.sessionId)),
      subscribe("call:answered", (event) => drop(event.sessionId)),
      subscribe("reconnect", reload),
    ];
    return () => offs.forEach((off) => off());
  }, [userId, subscribe, reload]);

  // Calls whose ring time ran out disappear even if the "missed" event was lost.
  useEffect(() => {
    if (calls.length === 0) return;
    const timer = window.setInterval(() => setCalls((current) => current.filter((call) => Date.parse(call.ringExpiresAt) > Date.now())), 1000);
    return () => window.clearInterval(timer);
  }, [calls.length]);

  const ringing = available && calls.length > 0;
  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    if (ringing) {
      element.currentTime = 0;
      // Browsers refuse sound before the person interacted with the page: then say so.
      element.play().then(
        () => setSoundBlocked(false),
        (error: unknown) => setSoundBlocked(error instanceof DOMException && error.name === "NotAllowedError"),
      );
    } else {
      element.pause();
    }
  }, [ringing]);

  // As soon as the provider is Available, find out whether the ring could sound, so the prompt
  // shows before the first call rather than during it. An audio context made without a gesture
  // starts suspended exactly when the browser would refuse sound (a silent media play would not
  // tell: muted playback is always allowed).
  useEffect(() => {
    if (!available || ringing || typeof AudioContext === "undefined") return;
    const probe = new AudioContext();
    const blocked = probe.state === "suspended";
    void probe.close().catch(() => undefined);
    queueMicrotask(() => setSoundBlocked(blocked));
  }, [available, ringing]);

  function enableRing() {
    const element = audio.current;
    if (!element) return;
    // This click is the gesture the browser waited for: sound is allowed from now on.
    setSoundBlocked(false);
    if (ringing) void element.play().catch(() => setSoundBlocked(true));
  }

  // An incoming call flashes the tab title and, in a background tab, raises a notification.
  const newest = calls.at(-1);
  useEffect(() => {
    if (!ringing || !newest) return;
    const original = document.title;
    const flash = t("titleCalling", { name: newest.customerName || t("aCustomer") });
    let on = false;
    const timer = window.setInterval(() => {
      on = !on;
      document.title = on ? flash : original;
    }, 1000);
    if (typeof Notification !== "undefined" && Notification.permission === "granted" && document.visibilityState !== "visible") {
      try {
        const notice = new Notification(flash, { tag: newest.sessionId, body: titleOf(newest.orderTitle).value });
        notice.onclick = () => window.focus();
      } catch {
        // Some browsers allow notifications only from a service worker: the title still flashes.
      }
    }
    return () => {
      window.clearInterval(timer);
      document.title = original;
    };
    // Keyed by the newest call: a new call restarts the flashing and notifies once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ringing, newest?.sessionId]);

  // The popup's countdown.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (calls.length === 0) return;
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, [calls.length]);

  if (!userId) return null;

  async function act(call: WaitingCall, action: "call:answer" | "call:decline") {
    setPending(call.sessionId);
    setProblem(null);
    try {
      await request(action, { sessionId: call.sessionId });
      setCalls((current) => current.filter((c) => c.sessionId !== call.sessionId));
      if (action === "call:answer") router.push(`/sessions/${call.sessionId}`);
    } catch (error) {
      setProblem(describeError(error));
      reload();
    } finally {
      setPending(null);
    }
  }

  const showList = calls.length > 0 && (available || open);
  return (
    <>
      <audio ref={audio} src={ringTone} loop preload="auto" data-testid="ring-tone" aria-hidden="true" />
      {available && soundBlocked ? (
        <button
          type="button"
          onClick={enableRing}
          className="inline-flex shrink-0 items-center gap-1.5 rounded-md border border-amber-300 bg-amber-50 px-2.5 py-1.5 text-sm font-semibold text-amber-900 hover:bg-amber-100"
        >
          <Volume2 aria-hidden="true" className="size-4" />
          {t("enableRing")}
        </button>
      ) : null}
      {calls.length > 0 && !available ? (
        <button
          type="button"
          onClick={() => setOpen((value) => !value)}
          aria-expanded={open}
          className="relative inline-flex shrink-0 items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
        >
          <Phone aria-hidden="true" className="size-4" />
          {t("waitingCalls", { count: calls.length })}
          <span aria-hidden="true" className="grid min-w-5 place-items-center rounded-full bg-red-600 px-1 text-xs font-bold text-white">
            {calls.length}
          </span>
        </button>
      ) : null}
      {showList ? (
        <section
          aria-label={t("incomingCalls")}
          className="fixed top-16 right-4 z-30 w-80 max-w-[calc(100vw-2rem)] space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-xl"
        >
          <h2 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            <Phone aria-hidden="true" className="size-4 animate-pulse text-emerald-600" />
            {t("incomingCalls")}
          </h2>
          {problem ? <p role="alert" className="text-sm text-red-700">{problem}</p> : null}
          <ul className="space-y-3">
            {calls.map((call) => (
              <li key={call.sessionId} className="rounded-lg bg-slate-50 p-3">
                <p className="text-sm text-slate-800">
                  {t(call.medium === "video" ? "callingVideo" : "callingText", { name: call.customerName || t("aCustomer") })}
                </p>
                <p lang={titleOf(call.orderTitle).lang} className="mt-1 text-sm font-semibold text-slate-900">
                  {titleOf(call.orderTitle).value}
                </p>
                <p className="mt-1 text-xs text-slate-700">
                  {t("pricePerBlock", {
                    price: currency ? formatMoney(call.blockPriceMinor, currency, locale) : String(call.blockPriceMinor),
                    minutes: Math.max(1, Math.round(call.blockSeconds / 60)),
                  })}
                </p>
                <p data-testid="ring-countdown" className="mt-1 text-xs text-slate-700 tabular-nums">
                  {t("answerWithin", { seconds: Math.max(0, Math.ceil((Date.parse(call.ringExpiresAt) - now) / 1000)) })}
                </p>
                <div className="mt-2 flex gap-2">
                  <button
                    type="button"
                    disabled={pending !== null}
                    aria-busy={pending === call.sessionId || undefined}
                    onClick={() => void act(call, "call:answer")}
                    className="inline-flex flex-1 items-center justify-center gap-1.5 rounded-lg bg-emerald-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-700 disabled:opacity-60"
                  >
                    <Phone aria-hidden="true" className="size-4" />
                    {t("answer")}
                  </button>
                  <button
                    type="button"
                    disabled={pending !== null}
                    onClick={() => void act(call, "call:decline")}
                    className="inline-flex flex-1 items-center justify-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100 disabled:opacity-60"
                  >
                    <PhoneOff aria-hidden="true" className="size-4" />
                    {t("decline")}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
