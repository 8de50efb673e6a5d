"use client";

import { CalendarClock, ChevronRight, Plus, Store } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { LoadingPanel } from "../components/loading-panel.tsx";
import { PageHeading } from "../components/page-heading.tsx";
import { TweepStatusBadge } from "../components/tweep-editor-status-badge.tsx";
import { TweepTypeIcon } from "../components/tweep-type-icon.tsx";
import { formatDateTime } from "../lib/format-date-time.ts";
import { pickLocalized } from "../lib/pick-localized.ts";
import type { OwnTweep } from "../../contract/tweeps.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useViewerTimeZone } from "../lib/use-order-helpers.ts";
import { EmptyState } from "../components/empty-state.tsx";
import { useApiLoad } from "../lib/use-api-load.ts";

const newTweepClassName =
  "inline-flex min-h-10 items-center justify-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

/** "My tweeps" (SPEC 2): every tweep of the provider with its status and the moderators' reasons. */
export function MyTweepsList() {
  const t = useTranslations("myTweeps");
  const types = useTranslations("tweep.types");
  const availability = useTranslations("availability");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const timeZone = useViewerTimeZone();
  const [items, setItems] = useState<OwnTweep[] | null>(null);
  const loadError = useApiLoad<{ items: OwnTweep[] }>("/me/tweeps", (loaded) => setItems(loaded.items));

  const heading = (
    <div className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between [&>div:first-child]:mb-0">
      <PageHeading title={t("title")} lead={t("lead")} />
      <div className="flex shrink-0 flex-wrap items-center gap-3 sm:mt-1">
        <Link
          href="/settings#availability"
          className="inline-flex min-h-10 items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50"
        >
          <CalendarClock aria-hidden="true" className="size-4" />
          {availability("myTweepsLink")}
        </Link>
        <Link href="/my-tweeps/new" className={newTweepClassName}>
          <Plus aria-hidden="true" className="size-4" />
          {t("newTweep")}
        </Link>
      </div>
    </div>
  );

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
        <EmptyState icon={Store} message={t("empty")} />
      </>
    );
  }

  return (
    <>
      {heading}
      <ul className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white shadow-sm">
        {items.map((tweep) => {
          const title = pickLocalized(tweep.title, locale);
          const revision = tweep.latestRevision;
          return (
            <li key={tweep.id} className="relative px-4 py-4 first:rounded-t-2xl last:rounded-b-2xl hover:bg-slate-50 sm:px-6">
              <div className="flex items-start gap-3">
                <TweepTypeIcon type={tweep.type} className="mt-0.5 size-5 shrink-0 text-slate-400" />
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <Link
                      href={`/my-tweeps/${tweep.id}`}
                      lang={title && title.lang !== locale ? title.lang : undefined}
                      className="font-semibold break-words text-slate-900 after:absolute after:inset-0 hover:text-indigo-700"
                    >
                      {title?.value ?? t("untitled")}
                    </Link>
                    <TweepStatusBadge status={tweep.status} />
                    {revision && tweep.status === "published" ? (
                      <span
                        className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${
                          revision.status === "rejected"
                            ? "bg-red-50 text-red-800 ring-red-200"
                            : revision.status === "pending"
                              ? "bg-amber-50 text-amber-900 ring-amber-200"
                              : "bg-slate-50 text-slate-600 ring-slate-200"
                        }`}
                      >
                        {t(`revisionStatuses.${revision.status}`)}
                      </span>
                    ) : null}
                  </div>
                  <p className="mt-1 text-xs text-slate-500">
                    {types(tweep.type)} · {t("created", { date: formatDateTime(tweep.createdAt, locale, timeZone) })}
                  </p>
                  {tweep.status === "rejected" && tweep.rejectionReason ? (
                    <p className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-sm break-words whitespace-pre-wrap text-red-800">
                      {t("rejectionReason", { reason: tweep.rejectionReason })}
                    </p>
                  ) : null}
                  {tweep.status === "draft" && tweep.rejectionReason ? (
                    <p className="mt-2 rounded-lg bg-slate-50 px-3 py-2 text-sm break-words whitespace-pre-wrap text-slate-700">
                      {t("rejectionReason", { reason: tweep.rejectionReason })}
                    </p>
                  ) : null}
                  {tweep.status === "published" && revision?.status === "rejected" && revision.rejectionReason ? (
                    <p className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-sm break-words whitespace-pre-wrap text-red-800">
                      {t("revisionReason", { reason: revision.rejectionReason })}
                    </p>
                  ) : null}
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
