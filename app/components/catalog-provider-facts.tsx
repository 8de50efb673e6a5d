"use client";

import { Star } from "lucide-react";
import { useLocale, useTranslations } from "use-intl";
import type { ProviderStatus } from "../../contract/common.ts";

const statusStyles: Record<ProviderStatus, { badge: string; dot: string }> = {
  available: { badge: "bg-emerald-50 text-emerald-800 ring-emerald-200", dot: "bg-emerald-500" },
  busy: { badge: "bg-amber-50 text-amber-800 ring-amber-200", dot: "bg-amber-500" },
  not_set: { badge: "bg-slate-100 text-slate-600 ring-slate-200", dot: "bg-slate-400" },
};

/** The provider's live status (SPEC 9) as a badge: "Available", "Busy", "Not set", or "Not on the site". */
export function ProviderStatusBadge({ status, online = true }: { status: ProviderStatus; online?: boolean }) {
  const t = useTranslations("catalog2.status");
  const style = online ? (statusStyles[status] ?? statusStyles.not_set) : statusStyles.not_set;
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${style.badge}`}>
      <span aria-hidden="true" className={`size-2 rounded-full ${style.dot}`} />
      {online ? t(status) : t("offline")}
    </span>
  );
}

/** "4.5 (2)" with a star, or "No reviews yet". */
export function ProviderRating({ average, count }: { average: number | null; count: number }) {
  const t = useTranslations("catalog2");
  const locale = useLocale();
  if (average === null || count === 0) return <span className="text-sm text-slate-500">{t("noReviews")}</span>;
  const formatted = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);
  return (
    <span className="inline-flex items-center gap-1 text-sm text-slate-700">
      <Star aria-hidden="true" className="size-4 fill-amber-400 text-amber-400" />
      <span aria-hidden="true" className="font-medium tabular-nums">
        {t("rating", { average: formatted, count })}
      </span>
      <span className="sr-only">{t("ratingLabel", { average: formatted, count })}</span>
    </span>
  );
}
