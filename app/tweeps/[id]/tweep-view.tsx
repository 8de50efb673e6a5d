"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { ProviderRating } from "../../components/catalog-provider-facts.tsx";
import { LiveCallNote } from "../../components/live-call-note.tsx";
import { LiveProviderStatusBadge } from "../../components/live-provider-status-badge.tsx";
import { LoadingPanel } from "../../components/loading-panel.tsx";
import { TweepTypeIcon } from "../../components/tweep-type-icon.tsx";
import { ApiError } from "../../lib/api-client.ts";
import type { CatalogTweep } from "../../../contract/tweeps.ts";
import { ProviderShortProfile } from "../../components/provider-short-profile.tsx";
import { pickLocalized } from "../../lib/pick-localized.ts";
import { useAppConfig } from "../../lib/use-app-config.ts";
import { useCategories } from "../../lib/use-categories.ts";
import { useApiLoad } from "../../lib/use-api-load.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { TweepAvailability } from "./tweep-availability.tsx";
import { TweepOpenOrderLink } from "./tweep-open-order-link.tsx";
import { TweepOrderPanel } from "./tweep-order-panel.tsx";
import { BookTimePanel } from "./book-time-panel.tsx";

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 403 || error.code === "validation_failed");
}

/** A tweep's public page (SPEC 3): what it is, who provides it, and the Order buttons. */
export function TweepView({ tweepId }: { tweepId: string }) {
  const t = useTranslations("tweepPage");
  const tt = useTranslations("tweep");
  const tl = useTranslations("languages");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const config = useAppConfig();
  const categories = useCategories();
  const [tweep, setTweep] = useState<CatalogTweep | null>(null);
  const [coverFailed, setCoverFailed] = useState(false);
  const loadError = useApiLoad<{ tweep: CatalogTweep }>(`/tweeps/${encodeURIComponent(tweepId)}`, (loaded) => setTweep(loaded.tweep));

  if (!tweep) {
    return (
      <>
        <BackLink />
        {loadError ? (
          <AlertMessage message={isNotFound(loadError) ? t("notFound") : `${t("loadError")} ${describeError(loadError)}`} />
        ) : (
          <LoadingPanel />
        )}
      </>
    );
  }

  const title = pickLocalized(tweep.title, locale);
  const description = pickLocalized(tweep.description, locale);
  const categoryName = categories.find((category) => category.id === tweep.category)?.name[locale] ?? tweep.category;
  const currency = config?.currency ?? "RUB";

  return (
    <>
      <BackLink />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <article aria-labelledby="tweep-title" className="min-w-0">
          {tweep.hasCover && !coverFailed ? (
            // The cover is moderated user content of any size; a plain <img> keeps it simple.
            <img
              src={`/api/v1/tweeps/${encodeURIComponent(tweep.id)}/cover`}
              alt=""
              onError={() => setCoverFailed(true)}
              className="mb-6 aspect-[16/7] w-full rounded-xl border border-slate-200 bg-slate-100 object-cover"
            />
          ) : null}
          <p className="inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700">
            <TweepTypeIcon type={tweep.type} className="size-4" />
            {tt(`types.${tweep.type}`)}
          </p>
          <h1 id="tweep-title" lang={title?.lang} className="mt-1 text-2xl font-bold tracking-tight break-words text-slate-900 sm:text-3xl">
            {title?.value ?? tt("untitled")}
          </h1>
          {description ? (
            <p lang={description.lang} className="mt-4 max-w-prose whitespace-pre-line text-slate-700">
              {description.value}
            </p>
          ) : null}

          <h2 className="sr-only">{t("details")}</h2>
          <dl className="mt-6 grid gap-x-6 gap-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">{t("category")}</dt>
              <dd className="font-medium text-slate-900">{categoryName}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("type")}</dt>
              <dd className="font-medium text-slate-900">{tt(`types.${tweep.type}`)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("languages")}</dt>
              <dd className="font-medium text-slate-900">{tweep.languages.map((language) => tl(language)).join(", ")}</dd>
            </div>
            {tweep.region ? (
              <div>
                <dt className="text-slate-500">{t("region")}</dt>
                <dd className="font-medium break-words text-slate-900">{tweep.region}</dd>
              </div>
            ) : null}
          </dl>
          {tweep.type === "consultation" ? (
            <div className="mt-6">
              <TweepAvailability providerId={tweep.providerId} />
            </div>
          ) : null}
          {tweep.type === "consultation" ? (
            <div className="mt-6">
              <BookTimePanel tweep={tweep} currency={currency} />
            </div>
          ) : null}
        </article>

        <aside className="space-y-4 lg:sticky lg:top-24 lg:self-start">
          <section aria-labelledby="tweep-provider" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="tweep-provider" className="text-sm font-medium text-slate-500">
              {t("provider")}
            </h2>
            <p className="mt-1 text-lg font-semibold text-slate-900">
              <Link href={`/providers/${encodeURIComponent(tweep.providerId)}`} className="text-indigo-700 hover:underline">
                {tweep.providerName}
              </Link>
            </p>
            <div className="mt-2">
              <ProviderShortProfile profile={tweep.providerProfile} name={tweep.providerName} size="large" />
            </div>
            <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
              <ProviderRating average={tweep.ratingAverage} count={tweep.ratingCount} />
              <LiveProviderStatusBadge providerId={tweep.providerId} status={tweep.providerStatus} online={tweep.providerOnline} />
            </div>
            {tweep.type === "consultation" ? (
              <div className="mt-2">
                <LiveCallNote providerId={tweep.providerId} />
              </div>
            ) : null}
          </section>
          <TweepOpenOrderLink tweepId={tweep.id} providerId={tweep.providerId} />
          <TweepOrderPanel tweep={tweep} currency={currency} />
        </aside>
      </div>
    </>
  );
}

function BackLink() {
  const t = useTranslations("tweepPage");
  return (
    <Link href="/#catalog" className="mb-6 inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:underline">
      <ArrowLeft aria-hidden="true" className="size-4" />
      {t("back")}
    </Link>
  );
}
