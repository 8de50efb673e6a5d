"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import type { ProviderSummary, Tweep } from "../../contract/tweeps.ts";
import { formatMoney } from "../lib/format-money.ts";
import { pickLocalized } from "../lib/pick-localized.ts";
import { useCategories } from "../lib/use-categories.ts";
import { ProviderRating } from "./catalog-provider-facts.tsx";
import { LiveProviderStatusBadge } from "./live-provider-status-badge.tsx";
import { ProviderShortProfile } from "./provider-short-profile.tsx";
import { TweepTypeIcon } from "./tweep-type-icon.tsx";

const typeStyles = {
  consultation: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  work: "bg-amber-50 text-amber-800 ring-amber-200",
  files: "bg-emerald-50 text-emerald-800 ring-emerald-200",
} as const;

type Props = {
  tweep: Tweep & Partial<ProviderSummary>;
  currency: string;
  /** On a provider's own page their name is already the heading. */
  hideProvider?: boolean;
};

export function TweepCard({ tweep, currency, hideProvider = false }: Props) {
  const t = useTranslations("tweep");
  const locale = useLocale();
  const categories = useCategories();
  const categoryName = categories.find((category) => category.id === tweep.category)?.name[locale] ?? tweep.category;
  const title = pickLocalized(tweep.title, locale);
  const description = pickLocalized(tweep.description, locale);
  const money = (amountMinor: number) => formatMoney(amountMinor, currency, locale);
  const prices: Array<{ label: string; value: string }> = [];
  if (tweep.type === "consultation") {
    if (tweep.videoPriceMinor != null) prices.push({ label: t("video"), value: t("perBlock", { price: money(tweep.videoPriceMinor) }) });
    if (tweep.textPriceMinor != null) prices.push({ label: t("text"), value: t("perBlock", { price: money(tweep.textPriceMinor) }) });
  } else if (tweep.priceMinor != null) {
    prices.push({ label: t("price"), value: money(tweep.priceMinor) });
  }
  const headingId = `tweep-${tweep.id}-title`;

  return (
    <article
      aria-labelledby={headingId}
      className="relative flex h-full flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition focus-within:ring-2 focus-within:ring-indigo-500 hover:border-indigo-300 hover:shadow-md"
    >
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <span
          className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${typeStyles[tweep.type] ?? typeStyles.work}`}
        >
          <TweepTypeIcon type={tweep.type} className="size-3.5" />
          {t(`types.${tweep.type}`)}
        </span>
        {categoryName ? <span className="text-xs text-slate-500">{categoryName}</span> : null}
      </div>
      <h3 id={headingId} lang={title?.lang} className="text-base font-semibold text-slate-900">
        {/* The whole card is clickable through this link's overlay, yet screen readers meet one
            link per card; the card's ring shows keyboard focus instead of the link's outline. */}
        <Link href={`/tweeps/${tweep.id}`} className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none">
          {title?.value ?? t("untitled")}
        </Link>
      </h3>
      {tweep.providerName && !hideProvider ? <p className="mt-1 text-sm text-slate-600">{t("by", { name: tweep.providerName })}</p> : null}
      {tweep.providerName && !hideProvider && tweep.providerProfile ? (
        <div className="mt-2">
          <ProviderShortProfile profile={tweep.providerProfile} name={tweep.providerName} />
        </div>
      ) : null}
      {tweep.providerStatus && !hideProvider ? (
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
          <ProviderRating average={tweep.ratingAverage ?? null} count={tweep.ratingCount ?? 0} />
          <LiveProviderStatusBadge providerId={tweep.providerId} status={tweep.providerStatus} online={tweep.providerOnline} />
        </div>
      ) : null}
      {description ? (
        <p lang={description.lang} className="mt-3 line-clamp-3 text-sm text-slate-600">
          {description.value}
        </p>
      ) : null}
      <dl className="mt-auto space-y-1 border-t border-slate-100 pt-3 text-sm [&:not(:first-child)]:mt-4">
        {prices.map((price) => (
          <div key={price.label} className="flex items-baseline justify-between gap-3">
            <dt className="text-slate-500">{price.label}</dt>
            <dd className="font-semibold text-slate-900 tabular-nums">{price.value}</dd>
          </div>
        ))}
      </dl>
      {tweep.languages.length > 0 ? (
        <p className="mt-2 text-xs text-slate-500">
          {t("languages", { list: tweep.languages.map((language) => language.toUpperCase()).join(" · ") })}
        </p>
      ) : null}
    </article>
  );
}
