"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { useSession } from "../components/session-provider.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { apiRequest } from "../lib/api-client.ts";
import { formatDateTime } from "../lib/format-date-time.ts";
import { formatMoney } from "../lib/format-money.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useCurrency, useOrderTitle, useViewerTimeZone } from "../lib/use-order-helpers.ts";
import type { Appointment } from "../../contract/appointments.ts";

type Props = { appointment: Appointment; viewer: "customer" | "provider"; onChanged: (next: Appointment) => void };

/** One appointment: when, with whom, its status, price / paid / remaining, and the actions allowed now. */
export function AppointmentCard({ appointment, viewer, onChanged }: Props) {
  const t = useTranslations("appointments");
  const locale = useLocale();
  const router = useRouter();
  const describeError = useErrorMessage();
  const { request, subscribe } = useSession();
  const currency = useCurrency();
  const timeZone = useViewerTimeZone();
  const titleOf = useOrderTitle();
  const headingId = useId();
  const reasonId = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [calling, setCalling] = useState(false);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const when = (iso: string) => formatDateTime(iso, locale, timeZone);
  const title = titleOf(appointment.title);
  const can = (action: string) => appointment.actions.includes(action);

  // The provider answering the appointment's call takes both pages to the session.
  useEffect(() => {
    if (!calling) return;
    const offs = [
      subscribe("call:answered", (event) => router.push(`/sessions/${event.sessionId}`)),
      subscribe("call:ended", () => setCalling(false)),
    ];
    return () => offs.forEach((off) => off());
  }, [calling, subscribe, router]);

  async function act(action: string, path: string, body?: unknown) {
    setBusy(action);
    setError(null);
    try {
      const { appointment: next } = await apiRequest<{ appointment: Appointment }>(`/appointments/${appointment.id}/${path}`, { method: "POST", body: body ?? {} });
      onChanged(next);
      setRejecting(false);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(null);
    }
  }

  async function startChat() {
    setBusy("start_chat");
    setError(null);
    try {
      await request("call:start-appointment", { appointmentId: appointment.id });
      setCalling(true);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(null);
    }
  }

  const other = viewer === "customer" ? appointment.providerName : appointment.customerName;
  return (
    <article aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          <span lang={title.lang}>{title.value}</span> · {when(appointment.startsAt)}
        </h2>
        <span data-testid="appointment-status" className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-800">
          {t(`status.${appointment.status as "pending"}`)}
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {t("with", { name: other || "—" })} · {t("blocks", { count: appointment.blocks })} · {t(appointment.medium)}
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        {(
          [
            ["price", appointment.priceMinor],
            ["paid", appointment.paidMinor],
            ["remaining", appointment.remainingMinor],
            ["refunded", appointment.refundedMinor],
          ] as const
        ).map(([key, value]) => (
          <div key={key}>
            <dt className="text-slate-500">{t(key)}</dt>
            <dd data-testid={`appointment-${key}`} className="font-semibold text-slate-900 tabular-nums">
              {money(value)}
            </dd>
          </div>
        ))}
      </dl>
      {appointment.rejectionReason ? <p className="mt-2 text-sm text-slate-700">{t("reason", { reason: appointment.rejectionReason })}</p> : null}
      {appointment.rejectedAutomatically ? <p className="mt-2 text-sm text-slate-700">{t("autoRejected")}</p> : null}
      {appointment.cancelledBy ? <p className="mt-2 text-sm text-slate-700">{t("cancelledBy", { party: appointment.cancelledBy })}</p> : null}
      {appointment.noShowParty ? <p className="mt-2 text-sm text-slate-700">{t("noShowOf", { party: appointment.noShowParty })}</p> : null}
      {appointment.status === "accepted" && !can("start_chat") && viewer === "customer" ? (
        <p className="mt-2 text-sm text-slate-600">{t("chatWindow", { at: when(appointment.chatOpensAt) })}</p>
      ) : null}
      {appointment.termsConsent ? (
        <p className="mt-2 text-xs text-slate-500">{t("consent", { version: appointment.termsConsent.version, at: when(appointment.termsConsent.consentedAt) })}</p>
      ) : null}

      <div className="mt-3 flex flex-wrap gap-2">
        {can("start_chat") ? (
          <SubmitButton type="button" busy={busy === "start_chat"} disabled={calling} onClick={() => void startChat()}>
            {t("startChat")}
          </SubmitButton>
        ) : null}
        {can("accept") ? (
          <SubmitButton type="button" busy={busy === "accept"} onClick={() => void act("accept", "accept")}>
            {t("accept")}
          </SubmitButton>
        ) : null}
        {can("reject") ? (
          <SubmitButton type="button" variant="secondary" onClick={() => setRejecting((value) => !value)} aria-expanded={rejecting}>
            {t("reject")}
          </SubmitButton>
        ) : null}
        {can("provider_no_show") ? (
          <SubmitButton type="button" variant="secondary" busy={busy === "no_show"} onClick={() => void act("no_show", "no-show", { absent: "provider" })}>
            {t("providerNoShow")}
          </SubmitButton>
        ) : null}
        {can("customer_no_show") ? (
          <SubmitButton type="button" variant="secondary" busy={busy === "no_show"} onClick={() => void act("no_show", "no-show", { absent: "customer" })}>
            {t("customerNoShow")}
          </SubmitButton>
        ) : null}
        {can("cancel") ? (
          <SubmitButton type="button" variant="secondary" busy={busy === "cancel"} onClick={() => setConfirmCancel(true)}>
            {t("cancel")}
          </SubmitButton>
        ) : null}
      </div>
      {calling ? <StatusMessage tone="info">{t("calling")}</StatusMessage> : null}
      {rejecting ? (
        <form
          className="mt-3 space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            void act("reject", "reject", { reason });
          }}
        >
          <label htmlFor={reasonId} className="block text-sm font-medium text-slate-700">
            {t("rejectReason")}
          </label>
          <textarea id={reasonId} required maxLength={1000} value={reason} onChange={(event) => setReason(event.target.value)} className="w-full rounded-lg border border-slate-300 p-2 text-sm" rows={2} />
          <SubmitButton busy={busy === "reject"}>{t("sendReject")}</SubmitButton>
        </form>
      ) : null}
      {error ? (
        <div className="mt-3">
          <AlertMessage message={error} />
        </div>
      ) : null}
      <ConfirmDialog
        open={confirmCancel}
        title={t("confirmCancelTitle")}
        text={t("confirmCancelText")}
        confirmLabel={t("cancel")}
        cancelLabel={t("keep")}
        onConfirm={() => {
          setConfirmCancel(false);
          void act("cancel", "cancel");
        }}
        onCancel={() => setConfirmCancel(false)}
      />
    </article>
  );
}
