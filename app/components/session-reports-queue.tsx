"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import type { ModerationReport } from "../../contract/reports.ts";
import { apiRequest } from "../lib/api-client.ts";
import { formatDateTime } from "../lib/format-date-time.ts";
import { formatMoney } from "../lib/format-money.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useCurrency, useOrderTitle, useViewerTimeZone } from "../lib/use-order-helpers.ts";
import { AlertMessage } from "./alert-message.tsx";
import { EvidencePackView } from "./evidence-pack-view.tsx";
import { useSession } from "./session-provider.tsx";
import { SubmitButton } from "./submit-button.tsx";
import { TextAreaField } from "./text-area-field.tsx";

/** SPEC 17: the moderators' queue of session reports, each with its evidence pack, upheld or dismissed with a reason. */
export function SessionReportsQueue() {
  const t = useTranslations("reports");
  const { session } = useSession();
  const describeError = useErrorMessage();
  const isModerator = session.status === "authenticated" && session.user.roles.includes("moderator");
  const [items, setItems] = useState<ModerationReport[] | null>(null);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const loadError = useApiLoad<{ items: ModerationReport[] }>(isModerator ? "/moderation/reports" : null, (loaded) => setItems(loaded.items), version);
  if (!isModerator) return null;
  return (
    <section id="reports" aria-labelledby="reports-heading" className="mt-10 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="reports-heading" className="text-lg font-semibold text-slate-900">
        {t("queueTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("queueLead")}</p>
      {status ? (
        <p role="status" className="mt-3 text-sm text-emerald-700">
          {status}
        </p>
      ) : null}
      {loadError ? <AlertMessage message={describeError(loadError)} /> : null}
      {items && items.length === 0 ? <p className="mt-4 text-sm text-slate-600">{t("queueEmpty")}</p> : null}
      <ul className="mt-4 space-y-4">
        {items?.map((report) => (
          <ReportItem
            key={report.id}
            report={report}
            onDecided={(message) => {
              setStatus(message);
              setVersion((v) => v + 1);
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function ReportItem({ report, onDecided }: { report: ModerationReport; onDecided: (message: string) => void }) {
  const t = useTranslations("reports");
  const locale = useLocale();
  const currency = useCurrency();
  const timeZone = useViewerTimeZone();
  const titleOf = useOrderTitle();
  const describeError = useErrorMessage();
  const titleId = useId();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = titleOf(report.title);

  async function decide(verb: "uphold" | "dismiss") {
    if (reason.trim() === "") return setError(t("decisionReasonRequired"));
    setBusy(true);
    setError(null);
    try {
      await apiRequest(`/moderation/reports/${encodeURIComponent(report.id)}/${verb}`, { method: "POST", body: { reason: reason.trim() } });
      onDecided(verb === "uphold" ? t("upheldDone") : t("dismissedDone"));
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li aria-labelledby={titleId} data-testid="session-report" className="rounded-xl border border-slate-200 p-4">
      <h3 id={titleId} lang={title.lang} className="font-semibold break-words text-slate-900">
        {title.value}
      </h3>
      <p className="mt-0.5 text-xs text-slate-500">
        {t("reportedAt", { date: formatDateTime(report.createdAt, locale, timeZone) })} · {t(`statuses.${report.status}`)} ·{" "}
        <Link href={`/orders/${report.orderId}`} className="text-indigo-700 hover:underline">
          {t("openOrder")}
        </Link>
      </p>
      <p className="mt-2 text-sm">
        <span className="font-medium">{t("reason")}:</span> {t(`reasons.${report.reason}`)}
        {report.text ? ` — ${report.text}` : ""}
      </p>
      <div className="mt-3">
        <EvidencePackView pack={report.evidence} />
      </div>
      {report.status === "open" ? (
        <form
          className="mt-3 space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
          }}
        >
          <TextAreaField label={t("decisionReason")} rows={2} maxLength={4000} value={reason} onChange={(event) => setReason(event.target.value)} />
          {error ? <AlertMessage message={error} /> : null}
          <div className="flex flex-wrap gap-2">
            <SubmitButton type="button" busy={busy} onClick={() => void decide("uphold")}>
              {t("uphold")}
            </SubmitButton>
            <SubmitButton type="button" variant="secondary" busy={busy} onClick={() => void decide("dismiss")}>
              {t("dismiss")}
            </SubmitButton>
          </div>
        </form>
      ) : (
        <p className="mt-3 text-sm text-slate-700">
          {report.decisionReason}
          {report.status === "upheld" && report.refundedMinor !== null ? ` · ${t("refunded", { amount: formatMoney(report.refundedMinor, currency, locale) })}` : ""}
        </p>
      )}
    </li>
  );
}
