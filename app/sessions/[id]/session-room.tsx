"use client";

import { ArrowLeft, PhoneOff } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { LoadingPanel } from "../../components/loading-panel.tsx";
import { useSession } from "../../components/session-provider.tsx";
import { useApiLoad } from "../../lib/use-api-load.ts";
import type { LowBalanceEvent } from "../../../contract/live-events.ts";
import type { OrderDetail } from "../../../contract/orders.ts";
import type { SessionView } from "../../../contract/sessions.ts";
import { useAppConfig } from "../../lib/use-app-config.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useOrderTitle } from "../../lib/use-order-helpers.ts";
import { LowBalanceTopUp } from "./low-balance-top-up.tsx";
import { SessionChat } from "./session-chat.tsx";
import { SessionStatusLine } from "./session-status-line.tsx";
import { SessionRecording } from "./session-recording.tsx";
import { ReconnectingNotice } from "./reconnecting-notice.tsx";
import { SessionSummary } from "./session-summary.tsx";
import { SessionVideo } from "./session-video.tsx";

type Role = "customer" | "provider";

/**
 * The session page both parties reach after "Answer". It keeps the session alive with
 * heartbeats (docs/architecture.md rule 7), shows the status line, the chat or the video, the
 * low-balance warning, and how the session ended.
 */
export function SessionRoom({ sessionId }: { sessionId: string }) {
  const t = useTranslations("live");
  const router = useRouter();
  const describeError = useErrorMessage();
  const titleOf = useOrderTitle();
  const config = useAppConfig();
  const { session: account, subscribe, request } = useSession();
  const [state, setState] = useState<{ session: SessionView; role: Role } | null>(null);
  const [order, setOrder] = useState<OrderDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [warning, setWarning] = useState<LowBalanceEvent | null>(null);
  const [ending, setEnding] = useState(false);
  const signedIn = account.status === "authenticated";

  const beat = useCallback(
    () =>
      request("session:heartbeat", { sessionId })
        .then((answer) => {
          setState(answer);
          setLoadError(null);
        })
        .catch((error: unknown) => setLoadError(error)),
    [request, sessionId],
  );

  useEffect(() => {
    if (account.status === "anonymous") router.replace(`/login?next=${encodeURIComponent(`/sessions/${sessionId}`)}`);
  }, [account.status, router, sessionId]);

  const live = state?.session.status === "live";
  useEffect(() => {
    if (!signedIn) return;
    void beat();
    if (state && !live) return;
    const timer = window.setInterval(() => void beat(), config?.sessionHeartbeatIntervalMs ?? 10_000);
    return () => window.clearInterval(timer);
    // Re-armed only when liveness changes, not on every state update.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, beat, live, config?.sessionHeartbeatIntervalMs]);

  const orderId = state?.session.orderId;
  const orderError = useApiLoad<{ order: OrderDetail }>(orderId ? `/orders/${orderId}` : null, (loaded) => setOrder(loaded.order));

  useEffect(() => {
    const offs = [
      subscribe("session:updated", (event) => {
        if (event.id === sessionId) setState((current) => (current ? { ...current, session: event } : current));
      }),
      subscribe("session:low-balance", (event) => {
        if (event.sessionId === sessionId) setWarning(event);
      }),
      subscribe("reconnect", () => void beat()),
    ];
    return () => offs.forEach((off) => off());
  }, [sessionId, subscribe, beat]);

  // A reload or a closed tab no longer ends the session (SPEC 19): the page rejoins within the
  // grace, so leaving needs no confirmation.

  async function endSession() {
    setEnding(true);
    try {
      const { session: ended } = await request("session:end", { sessionId });
      setState((current) => (current ? { ...current, session: ended } : current));
    } catch (error) {
      setLoadError(error);
    } finally {
      setEnding(false);
    }
  }

  if (!state || !order || account.status !== "authenticated") {
    const error = loadError ?? orderError;
    return error ? <AlertMessage message={describeError(error)} /> : <LoadingPanel />;
  }

  const { session, role } = state;
  const title = titleOf(order.title);
  const counterpart = role === "customer" ? t("theProvider") : t("theCustomer");
  return (
    <>
      <Link href={`/orders/${order.id}`} className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("backToOrder")}
      </Link>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm font-medium text-indigo-700">{t(session.medium === "video" ? "videoConsultation" : "textConsultation")}</p>
          <h1 lang={title.lang} className="mt-1 text-2xl font-bold tracking-tight text-slate-900">
            {title.value}
          </h1>
        </div>
        {live ? (
          <button
            type="button"
            onClick={() => void endSession()}
            disabled={ending}
            aria-busy={ending || undefined}
            className="inline-flex min-h-10 items-center gap-2 rounded-lg bg-red-600 px-4 py-2 text-sm font-semibold text-white hover:bg-red-700 disabled:opacity-60"
          >
            <PhoneOff aria-hidden="true" className="size-4" />
            {t("endSession")}
          </button>
        ) : null}
      </div>

      <SessionStatusLine session={session} balanceMinor={account.balanceMinor} currency={account.currency} />

      <ReconnectingNotice session={session} role={role} />
      {session.medium === "video" ? <SessionRecording sessionId={sessionId} role={role} live={live} /> : null}
      {session.status === "ended" ? (
        <SessionSummary session={session} role={role} orderId={order.id} orderOpen={order.status === "open"} currency={account.currency} />
      ) : null}
      {warning && live && role === "customer" ? (
        <div className="mt-4">
          <LowBalanceTopUp warning={warning} sessionPath={`/sessions/${sessionId}`} onDone={() => setWarning(null)} />
        </div>
      ) : null}
      {live && !session.clockStartedAt ? (
        <p role="status" className="mt-4 text-sm text-slate-700">
          {session.medium === "video" ? t(role === "provider" ? "clockHintVideoProvider" : "clockHintVideoCustomer") : t("clockHintText")}
        </p>
      ) : null}

      <div className="mt-6">
        {session.medium === "text" ? (
          <SessionChat order={order} viewerId={account.user.id} counterpartName={counterpart} />
        ) : live ? (
          // No stale tiles once the session ended: the summary above says what happened.
          <SessionVideo sessionId={sessionId} role={role} live={live} stalled={session.pausedAt !== null} iceServers={config?.iceServers ?? []} counterpart={counterpart} />
        ) : null}
      </div>
    </>
  );
}
