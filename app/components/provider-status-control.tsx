"use client";

import { MessageSquare, Video } from "lucide-react";
import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { apiRequest } from "../lib/api-client.ts";
import type { ProviderStatus } from "../../contract/common.ts";
import { useSession } from "./session-provider.tsx";

type OwnTweep = { type: string; status: string };
type Channels = { video: boolean; text: boolean };

/**
 * SPEC 9 and 15: a provider with a consultation tweep chooses Available, Busy, Not set or
 * "Pause 20 minutes" in the top bar, and switches "Video calls" and "Text chats" on and off
 * without moderation. Customers see the change within a second.
 */
export function ProviderStatusControl() {
  const t = useTranslations("live");
  const tq = useTranslations("queue");
  const locale = useLocale();
  const { session, setUser, subscribe } = useSession();
  const [offersConsultations, setOffersConsultations] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const userId = session.status === "authenticated" ? session.user.id : null;

  useEffect(() => {
    if (!userId) return;
    const controller = new AbortController();
    apiRequest<{ items: OwnTweep[] }>("/me/tweeps", { signal: controller.signal })
      .then(({ items }) => setOffersConsultations(items.some((tweep) => tweep.type === "consultation" && tweep.status !== "archived")))
      .catch(() => setOffersConsultations(false));
    return () => controller.abort();
  }, [userId]);

  // The pause ends on the server by itself: follow our own status as customers see it.
  useEffect(() => {
    if (!userId || session.status !== "authenticated") return;
    return subscribe("presence:changed", (event) => {
      if (event.userId !== userId || session.user.providerStatus !== "paused" || event.status === "paused") return;
      if (event.status === "available") setUser({ ...session.user, providerStatus: "available", pausedUntil: null });
    });
  }, [userId, session, subscribe, setUser]);

  if (session.status !== "authenticated" || !offersConsultations) return null;
  const current = session.user.providerStatus ?? "not_set";
  const channels: Channels = session.user.channels ?? { video: true, text: true };

  async function choose(status: ProviderStatus) {
    if (session.status !== "authenticated") return;
    setSaving(true);
    setFailed(false);
    // Incoming calls raise a browser notification when the tab is in the background: asked
    // once, here, where the provider chooses to take calls (a browser asks only on a gesture).
    if (status === "available" && typeof Notification !== "undefined" && Notification.permission === "default") {
      void Notification.requestPermission().catch(() => undefined);
    }
    try {
      const saved = await apiRequest<{ pausedUntil?: string }>("/me/status", { method: "PUT", body: { status } });
      setUser({ ...session.user, providerStatus: status, pausedUntil: saved.pausedUntil ?? null });
    } catch {
      setFailed(true);
    } finally {
      setSaving(false);
    }
  }

  async function switchChannel(channel: keyof Channels) {
    if (session.status !== "authenticated") return;
    setSaving(true);
    setFailed(false);
    try {
      const next = { ...channels, [channel]: !channels[channel] };
      const saved = await apiRequest<{ channels: Channels }>("/me/channels", { method: "PUT", body: next });
      setUser({ ...session.user, channels: saved.channels });
    } catch {
      setFailed(true);
    } finally {
      setSaving(false);
    }
  }

  const dot =
    current === "available" ? "bg-emerald-500" : current === "busy" ? "bg-amber-500" : current === "paused" ? "bg-sky-500" : "bg-slate-400";
  const pausedUntil = current === "paused" && session.user.pausedUntil ? new Date(session.user.pausedUntil) : null;
  const switchClass = (on: boolean) =>
    `inline-flex size-8 items-center justify-center rounded-md border text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 ${
      on ? "border-indigo-300 bg-indigo-50 text-indigo-700" : "border-slate-300 bg-white text-slate-400 line-through"
    }`;
  return (
    <div className="flex shrink-0 items-center gap-1.5 text-sm text-slate-700">
      <label className="flex items-center gap-1.5">
        <span aria-hidden="true" className={`size-2.5 rounded-full ${dot}`} />
        <span className="sr-only sm:not-sr-only">{t("statusLabel")}</span>
        <select
          value={current}
          disabled={saving}
          aria-busy={saving || undefined}
          aria-invalid={failed || undefined}
          onChange={(event) => void choose(event.target.value as ProviderStatus)}
          className="rounded-md border border-slate-300 bg-white py-1 pr-7 pl-2 text-sm font-medium text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <option value="available">{t("status.available")}</option>
          <option value="busy">{t("status.busy")}</option>
          <option value="not_set">{t("status.not_set")}</option>
          <option value="paused">{tq("pause")}</option>
        </select>
      </label>
      {pausedUntil ? (
        <span className="hidden text-xs text-sky-800 md:inline" data-testid="paused-until">
          {tq("pausedUntil", { time: pausedUntil.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" }) })}
        </span>
      ) : null}
      <span role="group" aria-label={tq("channels")} className="flex items-center gap-1">
        <button type="button" role="switch" aria-checked={channels.video} aria-label={tq("videoCalls")} title={tq("videoCalls")} disabled={saving} onClick={() => void switchChannel("video")} className={switchClass(channels.video)}>
          <Video aria-hidden="true" className="size-4" />
        </button>
        <button type="button" role="switch" aria-checked={channels.text} aria-label={tq("textChats")} title={tq("textChats")} disabled={saving} onClick={() => void switchChannel("text")} className={switchClass(channels.text)}>
          <MessageSquare aria-hidden="true" className="size-4" />
        </button>
      </span>
      {failed ? <span role="alert" className="text-xs text-red-700">{t("statusFailed")}</span> : null}
    </div>
  );
}
