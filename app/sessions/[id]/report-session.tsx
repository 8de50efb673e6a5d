"use client";

import { useState } from "react";
import type { FormEvent } from "react";
import { useLocale, useTranslations } from "use-intl";
import type { SessionReportReason, SessionReportStatus } from "../../../contract/reports.ts";
import { AlertMessage } from "../../components/alert-message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { apiRequest } from "../../lib/api-client.ts";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { formatMoney } from "../../lib/format-money.ts";
import { useApiLoad } from "../../lib/use-api-load.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useViewerTimeZone } from "../../lib/use-order-helpers.ts";

const reasons: SessionReportReason[] = ["provider_absent", "not_advertised", "technical_failure", "abusive", "other"];

/**
 * SPEC 17 "Report this session": the customer, within 24 hours after the end, once; either
 * party sees the report's state and the moderator's decision.
 */
export function ReportSession({ sessionId, currency, role }: { sessionId: string; currency: string | null; role: "customer" | "provider" }) {
  const t = useTranslations("reports");
  const locale = useLocale();
  const timeZone = useViewerTimeZone();
  const describeError = useErrorMessage();
  const [state, setState] = useState<SessionReportStatus | null>(null);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<SessionReportReason | null>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useApiLoad<SessionReportStatus>(`/sessions/${encodeURIComponent(sessionId)}/reports`, setState, version);
  if (!state) return null;

  const report = state.report;
  if (report) {
    return (
      <p role="status" data-testid="session-report-status" className="mt-3 text-sm text-slate-700">
        {role === "customer" ? t(`mine.${report.status}`) : t(`theirs.${report.status}`)}
        {report.decisionReason ? ` ${t("decisionReasonLine", { reason: report.decisionReason })}` : ""}
        {report.status === "upheld" && report.refundedMinor !== null && currency
          ? ` ${t("refunded", { amount: formatMoney(report.refundedMinor, currency, locale) })}`
          : ""}
      </p>
    );
  }
  if (!state.canReport) return null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason) return setError(t("reasonRequired"));
    if (reason === "other" && text.trim() === "") return setError(t("textRequired"));
    setBusy(true);
    setError(null);
    try {
      await apiRequest(`/sessions/${encodeURIComponent(sessionId)}/reports`, {
        method: "POST",
        body: { reason, ...(text.trim() ? { text: text.trim() } : {}) },
      });
      setVersion((v) => v + 1);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <div className="mt-3">
        <button
          type="button"
          onClick={() => setOpen(true)}
          className="inline-flex min-h-10 items-center rounded-lg border border-rose-300 bg-white px-4 py-2 text-sm font-semibold text-rose-700 hover:bg-rose-50"
        >
          {t("reportThis")}
        </button>
        {state.reportableUntil ? (
          <p className="mt-1 text-xs text-slate-500">{t("until", { date: formatDateTime(state.reportableUntil, locale, timeZone) })}</p>
        ) : null}
      </div>
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="mt-3 space-y-3 rounded-xl border border-rose-200 bg-white p-4">
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">{t("formTitle")}</legend>
        <p className="mt-1 text-xs text-slate-600">{t("formLead")}</p>
        <div className="mt-2 space-y-1.5">
          {reasons.map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input type="radio" name="reason" value={value} checked={reason === value} onChange={() => setReason(value)} />
              {t(`reasons.${value}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <TextAreaField label={t("text")} rows={2} maxLength={2000} value={text} onChange={(event) => setText(event.target.value)} />
      {error ? <AlertMessage message={error} /> : null}
      <SubmitButton busy={busy}>{t("send")}</SubmitButton>
    </form>
  );
}
