"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import type { ReactNode } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { DisputeStatusBadge } from "../../components/dispute-status-badge.tsx";
import { LoadingPanel } from "../../components/loading-panel.tsx";
import { MessageThread } from "../../components/message-thread.tsx";
import { useSession } from "../../components/session-provider.tsx";
import { ApiError, apiRequest } from "../../lib/api-client.ts";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { formatMoney } from "../../lib/format-money.ts";
import { mergeMessages } from "../../lib/order-rules.ts";
import type { Dispute, DisputeMessage } from "../../../contract/orders.ts";
import type { EvidencePack } from "../../../contract/reports.ts";
import { EvidencePackView } from "../../components/evidence-pack-view.tsx";
import { getLoginRedirect } from "../../lib/redirect-to-login.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useCurrency, useOrderTitle, useViewerTimeZone } from "../../lib/use-order-helpers.ts";
import { useApiLoad } from "../../lib/use-api-load.ts";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 py-2.5 sm:flex-row sm:gap-4">
      <dt className="text-sm text-slate-500 sm:w-44 sm:shrink-0">{label}</dt>
      <dd className="min-w-0 text-sm font-medium break-words whitespace-pre-wrap text-slate-900">{children}</dd>
    </div>
  );
}

/** One dispute: what it is about, how it was resolved, and the correspondence with moderators. */
export function DisputeView({ disputeId }: { disputeId: string }) {
  const t = useTranslations("disputes");
  const thread = useTranslations("thread");
  const locale = useLocale();
  const router = useRouter();
  const describeError = useErrorMessage();
  const { session } = useSession();
  const currency = useCurrency();
  const timeZone = useViewerTimeZone();
  const titleOf = useOrderTitle();
  const [dispute, setDispute] = useState<Dispute | null>(null);
  const [messages, setMessages] = useState<DisputeMessage[]>([]);
  const loadError = useApiLoad<{ dispute: Dispute; items: DisputeMessage[] }>(`/disputes/${encodeURIComponent(disputeId)}/messages`, (loaded) => {
    setDispute(loaded.dispute);
    setMessages((current) => mergeMessages(current, loaded.items));
  });

  const [evidence, setEvidence] = useState<EvidencePack[]>([]);
  useApiLoad<{ sessions: EvidencePack[] }>(`/disputes/${encodeURIComponent(disputeId)}/evidence`, (loaded) => setEvidence(loaded.sessions));

  const send = useCallback(
    async (body: string) => {
      try {
        const { message } = await apiRequest<{ message: DisputeMessage }>(`/disputes/${disputeId}/messages`, {
          method: "POST",
          body: { body },
        });
        setMessages((current) => mergeMessages(current, [message]));
      } catch (caught) {
        const redirect = getLoginRedirect(caught);
        if (redirect) router.replace(redirect);
        throw new Error(describeError(caught), { cause: caught });
      }
    },
    [disputeId, router, describeError],
  );

  const back = (
    <Link href="/disputes" className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:underline">
      <ArrowLeft aria-hidden="true" className="size-4" />
      {t("back")}
    </Link>
  );

  if (!dispute || session.status !== "authenticated") {
    const notFound = loadError instanceof ApiError && (loadError.status === 404 || loadError.status === 403 || loadError.code === "validation_failed");
    return (
      <>
        {back}
        {loadError ? (
          <AlertMessage message={notFound ? t("notFound") : `${t("loadOneError")} ${describeError(loadError)}`} />
        ) : (
          <LoadingPanel />
        )}
      </>
    );
  }

  const viewerId = session.user.id;
  const title = titleOf(dispute.order.title);
  const money = (amountMinor: number | null) => formatMoney(amountMinor ?? 0, currency, locale);
  const when = (iso: string) => <time dateTime={iso}>{formatDateTime(iso, locale, timeZone)}</time>;
  const describeAuthor = (authorId: string) =>
    authorId === dispute.order.customerId
      ? thread("customer")
      : authorId === dispute.order.providerId
        ? thread("provider")
        : thread("moderator");

  return (
    <>
      {back}
      <div className="mb-6">
        <p className="text-sm font-medium text-indigo-700">{t("heading")}</p>
        <h1 lang={title.lang} className="mt-1 text-2xl font-bold tracking-tight break-words text-slate-900 sm:text-3xl">
          {title.value}
        </h1>
        <div className="mt-2">
          <DisputeStatusBadge status={dispute.status} />
        </div>
      </div>

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]">
        <div className="space-y-6">
          <section aria-labelledby="dispute-details-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
            <h2 id="dispute-details-title" className="text-lg font-semibold text-slate-900">
              {t("details")}
            </h2>
            <dl className="mt-2 divide-y divide-slate-100">
              <Row label={t("order")}>
                <Link href={`/orders/${dispute.orderId}`} className="text-indigo-700 hover:underline">
                  {t("openOrder")}
                </Link>
              </Row>
              <Row label={t("reason")}>{dispute.reason}</Row>
              <Row label={t("openedBy")}>{dispute.openedBy === viewerId ? t("openedByYou") : t("openedByOther")}</Row>
              <Row label={t("createdAt")}>{when(dispute.createdAt)}</Row>
            </dl>
          </section>

          {dispute.status === "resolved" ? (
            <section
              aria-labelledby="dispute-resolution-title"
              className="rounded-2xl border border-emerald-200 bg-emerald-50/60 p-6 shadow-sm"
            >
              <h2 id="dispute-resolution-title" className="text-lg font-semibold text-slate-900">
                {t("resolution")}
              </h2>
              <dl className="mt-2 divide-y divide-emerald-100">
                <Row label={t("toProvider")}>
                  <span className="tabular-nums">{money(dispute.toProviderMinor)}</span>
                </Row>
                <Row label={t("toCustomer")}>
                  <span className="tabular-nums">{money(dispute.toCustomerMinor)}</span>
                </Row>
                {dispute.pendingRefundedMinor ? (
                  <Row label={t("pendingRefunded")}>
                    <span className="tabular-nums">{money(dispute.pendingRefundedMinor)}</span>
                  </Row>
                ) : null}
                {dispute.resolutionReason ? <Row label={t("resolutionReason")}>{dispute.resolutionReason}</Row> : null}
                {dispute.resolvedAt ? <Row label={t("resolvedAt")}>{when(dispute.resolvedAt)}</Row> : null}
              </dl>
            </section>
          ) : null}

          {evidence.length > 0 ? (
            <section aria-labelledby="dispute-evidence-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
              <h2 id="dispute-evidence-title" className="text-lg font-semibold text-slate-900">
                {t("evidence")}
              </h2>
              <p className="mt-1 mb-3 text-sm text-slate-600">{t("evidenceLead")}</p>
              <div className="space-y-3">
                {evidence.map((pack) => (
                  <EvidencePackView key={pack.sessionId} pack={pack} />
                ))}
              </div>
            </section>
          ) : null}
        </div>

        <section aria-labelledby="dispute-messages-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="dispute-messages-title" className="text-lg font-semibold text-slate-900">
            {t("correspondence")}
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">{t("correspondenceLead")}</p>
          <MessageThread
            messages={messages}
            viewerId={viewerId}
            timeZone={timeZone}
            describeAuthor={describeAuthor}
            onSend={send}
            labelledBy="dispute-messages-title"
          />
        </section>
      </div>
    </>
  );
}
