"use client";

import { CalendarPlus, Clock, Users } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { apiRequest } from "../../lib/api-client.ts";
import type { QueuePlace } from "../../../contract/queue.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import type { QueueExit } from "../../lib/use-queue-place.ts";

/**
 * The waiting list on the order card (SPEC 15): "Join the queue" while the provider is on the
 * site and open but busy, paused or reserved; then the place and the estimated wait, live;
 * "It's your turn" with the seconds left; "Leave the queue" at any time.
 */
export function QueuePanel(props: {
  orderId: string;
  place: QueuePlace | null;
  exit: QueueExit | null;
  canJoin: boolean;
  queueLength: number;
  onChanged: (place: QueuePlace | null) => void;
  /** SPEC 16: where a closed queue sends the customer to book a time instead. */
  bookHref?: string;
}) {
  const t = useTranslations("queue");
  const describeError = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const { place } = props;

  useEffect(() => {
    if (!place) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [place]);

  async function join() {
    setBusy(true);
    setProblem(null);
    try {
      const joined = await apiRequest<{ place: QueuePlace }>(`/orders/${props.orderId}/queue`, { method: "POST" });
      props.onChanged(joined.place);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  async function leave() {
    setBusy(true);
    try {
      await apiRequest(`/orders/${props.orderId}/queue`, { method: "DELETE" });
      props.onChanged(null);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  const exitText = props.exit ? t(`exit.${props.exit}`) : "";
  return (
    <div className="mt-4 space-y-2" data-testid="queue-panel">
      {place?.status === "turn" ? (
        <div role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          <p className="font-semibold">{t("yourTurn")}</p>
          <p>{t("yourTurnLead", { seconds: Math.max(0, Math.ceil((Date.parse(place.turnExpiresAt ?? "") - now) / 1000)) })}</p>
        </div>
      ) : place ? (
        <div role="status" aria-live="polite" className="space-y-1 rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-950">
          <p className="flex items-center gap-2 font-semibold">
            <Users aria-hidden="true" className="size-4" />
            <span data-testid="queue-place">{t("yourPlace", { place: place.place })}</span>
          </p>
          <p className="flex items-center gap-2" data-testid="queue-eta">
            <Clock aria-hidden="true" className="size-4" />
            {t("eta", { eta: t("etaMinutes", { minutes: Math.floor(place.etaSeconds / 60) }) })}
          </p>
        </div>
      ) : null}
      {place ? (
        <button
          type="button"
          onClick={() => void leave()}
          disabled={busy}
          className="inline-flex min-h-10 items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
        >
          {t("leaveQueue")}
        </button>
      ) : props.canJoin ? (
        <div className="space-y-1">
          <button
            type="button"
            onClick={() => void join()}
            disabled={busy}
            aria-busy={busy || undefined}
            className="inline-flex min-h-10 items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 disabled:bg-slate-300"
          >
            <Users aria-hidden="true" className="size-4" />
            {t("joinQueue")}
          </button>
          <p className="text-sm text-slate-600">{t("queueLength", { count: props.queueLength })}</p>
        </div>
      ) : null}
      {exitText ? <p role="status" className="text-sm text-slate-700">{exitText}</p> : null}
      {props.exit === "closed" && props.bookHref ? (
        <Link href={props.bookHref} className="inline-flex min-h-10 items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700">
          <CalendarPlus aria-hidden="true" className="size-4" />
          {t("bookATime")}
        </Link>
      ) : null}
      {problem ? <p role="alert" className="text-sm text-red-700">{problem}</p> : null}
    </div>
  );
}
