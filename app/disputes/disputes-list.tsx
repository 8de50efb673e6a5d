"use client";

import { ChevronRight, Scale } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { DisputeStatusBadge } from "../components/dispute-status-badge.tsx";
import { LoadingPanel } from "../components/loading-panel.tsx";
import { PageHeading } from "../components/page-heading.tsx";
import { formatDateTime } from "../lib/format-date-time.ts";
import type { Dispute } from "../../contract/orders.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useOrderTitle, useViewerTimeZone } from "../lib/use-order-helpers.ts";
import { EmptyState } from "../components/empty-state.tsx";

/** "Disputes and complaints" (SPEC 8): disputes on my orders and sales, newest first. */
export function DisputesList() {
  const t = useTranslations("disputes");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const timeZone = useViewerTimeZone();
  const titleOf = useOrderTitle();
  const [items, setItems] = useState<Dispute[] | null>(null);
  const loadError = useApiLoad<{ items: Dispute[] }>("/disputes", (loaded) => setItems(loaded.items));

  const heading = <PageHeading title={t("title")} lead={t("lead")} />;

  if (!items) {
    return (
      <>
        {heading}
        {loadError ? <AlertMessage message={`${t("loadError")} ${describeError(loadError)}`} /> : <LoadingPanel />}
      </>
    );
  }

  if (items.length === 0) {
    return (
      <>
        {heading}
        <EmptyState icon={Scale} message={t("empty")} />
      </>
    );
  }

  return (
    <>
      {heading}
      <ul className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white shadow-sm">
        {items.map((dispute) => {
          const title = titleOf(dispute.order.title);
          return (
            <li key={dispute.id} className="relative px-4 py-4 first:rounded-t-2xl last:rounded-b-2xl hover:bg-slate-50 sm:px-6">
              <div className="flex items-start gap-3">
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <Link
                      href={`/disputes/${dispute.id}`}
                      lang={title.lang}
                      className="font-semibold break-words text-slate-900 after:absolute after:inset-0 hover:text-indigo-700"
                    >
                      {title.value}
                    </Link>
                    <DisputeStatusBadge status={dispute.status} />
                  </div>
                  <p className="mt-1 line-clamp-2 text-sm break-words text-slate-700">{dispute.reason}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    {t("opened", { date: formatDateTime(dispute.createdAt, locale, timeZone) })}
                  </p>
                </div>
                <ChevronRight aria-hidden="true" className="mt-1 size-5 shrink-0 text-slate-400" />
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
