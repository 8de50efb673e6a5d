"use client";

import { Loader2, MessageSquare, Phone, PhoneOff, Video } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { useSession } from "../../components/session-provider.tsx";
import { ApiError, apiRequest } from "../../lib/api-client.ts";
import { formatMoney } from "../../lib/format-money.ts";
import type { OrderDetail } from "../../../contract/orders.ts";
import type { SessionView } from "../../../contract/sessions.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useProviderLiveStatus } from "../../lib/use-provider-live-status.ts";
import { useQueuePlace } from "../../lib/use-queue-place.ts";
import { CallUnavailableNote } from "../../components/call-unavailable-note.tsx";
import { QueuePanel } from "./queue-panel.tsx";
import { SessionHistory } from "./session-history.tsx";

type Calling = { sessionId: string; ringExpiresAt: string };
type Retry = { sessionId: string; retryAt: string };
type Problem = { kind: "shortfall"; shortfallMinor: number } | { kind: "message"; text: string };

/**
 * The consultation part of the order card (SPEC 5): the provider's live status, "Start chat"
 * (enabled only while the provider is on the site and Available), the ringing state with a
 * way to hang up, a way back into a live session, and the order's sessions.
 */
export function ConsultationPanel({ order, role }: { order: OrderDetail; role: "customer" | "provider" | "moderator" }) {
  const t = useTranslations("live");
  const locale = useLocale();
  const router = useRouter();
  const describeError = useErrorMessage();
  const { session, subscribe, request } = useSession();
  const live = useProviderLiveStatus(role === "customer" ? order.providerId : null);
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [calling, setCalling] = useState<Calling | null>(null);
  const [starting, setStarting] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [retry, setRetry] = useState<Retry | null>(null);
  const [retryNote, setRetryNote] = useState<string | null>(null);
  const queue = useQueuePlace(role === "customer" ? order.providerId : null);
  const tq = useTranslations("queue");
  const currency = session.status === "authenticated" ? session.currency : null;

  const reload = useCallback(() => {
    apiRequest<{ sessions: SessionView[] }>(`/orders/${order.id}/sessions`)
      .then(({ sessions: loaded }) => {
        setSessions(loaded);
        const ringing = loaded.find((s) => s.status === "ringing");
        setCalling(ringing ? { sessionId: ringing.id, ringExpiresAt: ringing.ringExpiresAt } : null);
        // The countdown survives a reload: the server knows which missed call will ring again.
        const pending = role === "customer" ? loaded.find((s) => s.retryAt !== null) : undefined;
        setRetry(pending?.retryAt ? { sessionId: pending.id, retryAt: pending.retryAt } : null);
      })
      .catch(() => undefined);
  }, [order.id, role]);

  useEffect(() => {
    reload();
    const offs = [
      subscribe("call:answered", (event) => {
        if (event.orderId === order.id) router.push(`/sessions/${event.sessionId}`);
      }),
      subscribe("call:ended", (event) => {
        if (event.orderId !== order.id) return;
        setCalling(null);
        setOutcome(t(`callOutcome.${event.status}`));
        // SPEC 15: a missed call rings again once by itself; the customer sees the countdown.
        if (event.status === "missed" && event.retryAt) {
          setRetry({ sessionId: event.sessionId, retryAt: event.retryAt });
          setRetryNote(null);
        }
        reload();
      }),
      subscribe("call:retried", (event) => {
        if (event.orderId !== order.id) return;
        setRetry(null);
        if (event.retrySessionId && event.ringExpiresAt) {
          setOutcome(null);
          setRetryNote(tq("retrying"));
          setCalling({ sessionId: event.retrySessionId, ringExpiresAt: event.ringExpiresAt });
        } else {
          setRetryNote(tq("retryFailed"));
        }
      }),
      subscribe("session:updated", (event) => {
        if (event.orderId === order.id) reload();
      }),
      subscribe("reconnect", reload),
    ];
    return () => offs.forEach((off) => off());
  }, [order.id, subscribe, reload, router, t, tq]);

  useEffect(() => {
    if (!calling && !retry) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [calling, retry]);

  async function cancelRetry() {
    if (!retry) return;
    try {
      await apiRequest(`/sessions/${retry.sessionId}/retry`, { method: "DELETE" });
      setRetryNote(tq("retryCancelled"));
    } catch (error) {
      setProblem({ kind: "message", text: describeError(error) });
    }
    setRetry(null);
  }

  async function startChat() {
    setStarting(true);
    setProblem(null);
    setOutcome(null);
    try {
      const { session: started } = await request("call:start", { orderId: order.id });
      setCalling({ sessionId: started.id, ringExpiresAt: started.ringExpiresAt });
      setNow(Date.now());
    } catch (error) {
      const shortfall = error instanceof ApiError ? error.details?.shortfallMinor : undefined;
      if (error instanceof ApiError && error.code === "insufficient_funds" && typeof shortfall === "number") {
        setProblem({ kind: "shortfall", shortfallMinor: shortfall });
      } else {
        setProblem({ kind: "message", text: describeError(error) });
      }
    } finally {
      setStarting(false);
    }
  }

  async function cancelCall() {
    if (!calling) return;
    try {
      await request("call:cancel", { sessionId: calling.sessionId });
    } catch (error) {
      setProblem({ kind: "message", text: describeError(error) });
    }
    setCalling(null);
    reload();
  }

  const liveSession = sessions?.find((s) => s.status === "live");
  const secondsLeft = calling ? Math.max(0, Math.ceil((Date.parse(calling.ringExpiresAt) - now) / 1000)) : 0;
  const canCall = role === "customer" && order.status === "open" && !order.openDisputeId;
  const MediumIcon = order.medium === "video" ? Video : MessageSquare;
  // SPEC 15, as this customer sees it: the order's channel, and the queue's reservation of
  // the provider for its first customer.
  const medium = order.medium === "video" ? "video" : "text";
  const channelOff = Boolean(live?.channels && !live.channels[medium]);
  const firstInLine = queue.place !== null && queue.place.place === 1;
  const reservedForOther = Boolean(live?.callable && (live.queueLength ?? 0) > 0 && !firstInLine);
  const canStart = Boolean(live?.callable) && !channelOff && !reservedForOther;
  const reason = !live ? null : !live.callable ? (live.reason ?? (live.online ? "busy" : "offline")) : channelOff ? "channel_off" : reservedForOther ? "busy" : null;
  const balanceMinor = session.status === "authenticated" ? session.balanceMinor : null;
  const shortfallMinor = order.prepaidBlockUsed && balanceMinor !== null && balanceMinor < order.priceMinor ? order.priceMinor - balanceMinor : 0;
  const canJoin = Boolean(live && (live.queueOpen || reservedForOther) && !channelOff && (reason === "busy" || reason === "paused"));
  const retrySeconds = retry ? Math.max(0, Math.ceil((Date.parse(retry.retryAt) - now) / 1000)) : 0;

  return (
    <section aria-labelledby="consultation-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="consultation-heading" className="flex items-center gap-2 text-lg font-semibold text-slate-900">
        <MediumIcon aria-hidden="true" className="size-5 text-indigo-600" />
        {t(order.medium === "video" ? "videoConsultation" : "textConsultation")}
      </h2>
      {order.medium === "video" && order.status === "open" ? (
        <Link href="/devices" className="mt-1 inline-block text-sm font-medium text-indigo-700 hover:underline">
          {t("checkDevices")}
        </Link>
      ) : null}

      {role === "customer" && live ? (
        <p className="mt-2 flex items-center gap-2 text-sm text-slate-700" data-testid="provider-live-status">
          <span aria-hidden="true" className={`size-2.5 rounded-full ${live.callable ? "bg-emerald-500" : live.online ? "bg-amber-500" : "bg-slate-400"}`} />
          {live.online ? t(`providerIs.${live.status}`) : t("providerOffline")}
        </p>
      ) : null}

      {liveSession ? (
        <Link
          href={`/sessions/${liveSession.id}`}
          className="mt-4 inline-flex min-h-10 items-center gap-2 rounded-lg bg-emerald-600 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-700"
        >
          <Phone aria-hidden="true" className="size-4" />
          {t("returnToSession")}
        </Link>
      ) : null}

      {canCall && !liveSession ? (
        calling ? (
          <div className="mt-4 space-y-3">
            <p role="status" className="flex items-center gap-2 text-sm font-medium text-slate-800">
              <Loader2 aria-hidden="true" className="size-4 animate-spin text-indigo-600" />
              {t("ringing", { seconds: secondsLeft })}
            </p>
            <button
              type="button"
              onClick={() => void cancelCall()}
              className="inline-flex min-h-10 items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
            >
              <PhoneOff aria-hidden="true" className="size-4" />
              {t("cancelCall")}
            </button>
          </div>
        ) : (
          <div className="mt-4 space-y-2">
            {channelOff ? null : (
              <button
                type="button"
                onClick={() => void startChat()}
                disabled={!canStart || starting}
                aria-busy={starting || undefined}
                aria-describedby={!canStart ? "start-chat-hint" : undefined}
                className="inline-flex min-h-10 items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-600"
              >
                {starting ? <Loader2 aria-hidden="true" className="size-4 animate-spin" /> : <Phone aria-hidden="true" className="size-4" />}
                {t("startChat")}
              </button>
            )}
            {!canStart || shortfallMinor > 0 ? (
              <CallUnavailableNote
                id="start-chat-hint"
                reason={reason}
                opensAt={live?.opensAt}
                shortfall={shortfallMinor > 0 && currency ? { amountMinor: shortfallMinor, currency } : null}
              />
            ) : null}
            <QueuePanel
              orderId={order.id}
              bookHref={`/tweeps/${order.tweepId}#book-a-time`}
              place={queue.place}
              exit={queue.exit}
              canJoin={canJoin}
              queueLength={live?.queueLength ?? 0}
              onChanged={(place) => {
                queue.setPlace(place);
                queue.setExit(null);
              }}
            />
          </div>
        )
      ) : null}

      {retry ? (
        <div role="status" className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-700" data-testid="call-retry">
          <span>{tq("retryIn", { seconds: retrySeconds })}</span>
          <button
            type="button"
            onClick={() => void cancelRetry()}
            className="inline-flex min-h-9 items-center rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50"
          >
            {tq("cancelRetry")}
          </button>
        </div>
      ) : null}
      {retryNote ? <p role="status" className="mt-3 text-sm text-slate-700">{retryNote}</p> : null}

      {outcome ? <p role="status" className="mt-3 text-sm text-slate-700">{outcome}</p> : null}
      {problem?.kind === "message" ? <p role="alert" className="mt-3 text-sm text-red-700">{problem.text}</p> : null}
      {problem?.kind === "shortfall" && currency ? (
        <div role="alert" className="mt-3 space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p>{t("shortfall", { amount: formatMoney(problem.shortfallMinor, currency, locale) })}</p>
          <Link
            href={`/finances?topUp=${problem.shortfallMinor}&return=${encodeURIComponent(`/orders/${order.id}`)}`}
            className="font-semibold underline hover:no-underline"
          >
            {t("topUpExact", { amount: formatMoney(problem.shortfallMinor, currency, locale) })}
          </Link>
        </div>
      ) : null}

      {sessions && sessions.length > 0 ? <SessionHistory sessions={sessions} currency={currency} /> : null}
    </section>
  );
}
