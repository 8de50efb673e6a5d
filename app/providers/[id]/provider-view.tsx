"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { AvailabilityWeek } from "../../components/availability-week.tsx";
import { ProviderRating } from "../../components/catalog-provider-facts.tsx";
import { LiveProviderStatusBadge } from "../../components/live-provider-status-badge.tsx";
import { LoadingPanel } from "../../components/loading-panel.tsx";
import { TweepCard } from "../../components/tweep-card.tsx";
import { ApiError } from "../../lib/api-client.ts";
import type { Provider } from "../../../contract/tweeps.ts";
import { useAppConfig } from "../../lib/use-app-config.ts";
import { useApiLoad } from "../../lib/use-api-load.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.code === "validation_failed");
}

/** A provider's public page: name, rating, live status, weekly availability and their published tweeps. */
export function ProviderView({ providerId }: { providerId: string }) {
  const t = useTranslations("tweepPage");
  const describeError = useErrorMessage();
  const config = useAppConfig();
  const [provider, setProvider] = useState<Provider | null>(null);
  const loadError = useApiLoad<{ provider: Provider }>(`/providers/${encodeURIComponent(providerId)}`, (loaded) => setProvider(loaded.provider));

  const back = (
    <Link href="/#catalog" className="mb-6 inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:underline">
      <ArrowLeft aria-hidden="true" className="size-4" />
      {t("back")}
    </Link>
  );

  if (!provider) {
    return (
      <>
        {back}
        {loadError ? (
          <AlertMessage
            message={isNotFound(loadError) ? t("providerNotFound") : `${t("providerLoadError")} ${describeError(loadError)}`}
          />
        ) : (
          <LoadingPanel />
        )}
      </>
    );
  }

  const currency = config?.currency ?? "RUB";
  return (
    <>
      {back}
      <div className="mb-8">
        <p className="text-sm font-medium text-indigo-700">{t("providerLead")}</p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight break-words text-slate-900 sm:text-3xl">{provider.name}</h1>
        <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
          <ProviderRating average={provider.ratingAverage} count={provider.ratingCount} />
          <LiveProviderStatusBadge providerId={provider.id} status={provider.providerStatus} online={provider.providerOnline} />
        </div>
      </div>

      <div className="mb-10 max-w-3xl">
        <AvailabilityWeek availability={provider.availability} />
      </div>

      <section aria-labelledby="provider-tweeps">
        <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="provider-tweeps" className="text-xl font-bold tracking-tight text-slate-900">
            {t("otherTweeps", { name: provider.name })}
          </h2>
          <p className="text-sm text-slate-500">{t("allTweeps", { count: provider.tweepCount })}</p>
        </div>
        {provider.tweeps.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-600">
            {t("allTweeps", { count: 0 })}
          </p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {provider.tweeps.map((tweep) => (
              <li key={tweep.id}>
                <TweepCard tweep={tweep} currency={currency} hideProvider />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
