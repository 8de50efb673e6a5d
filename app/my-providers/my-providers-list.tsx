"use client";

import { MessageCircle, Users } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { EmptyState } from "../components/empty-state.tsx";
import { LiveProviderStatusBadge } from "../components/live-provider-status-badge.tsx";
import { LoadingPanel } from "../components/loading-panel.tsx";
import { PageHeading } from "../components/page-heading.tsx";
import type { MyProvider } from "../../contract/people.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";

/** SPEC 20 "My providers": providers I have orders, appointments or an invitation with, live status and Chat. */
export function MyProvidersList() {
  const t = useTranslations("people");
  const describeError = useErrorMessage();
  const [items, setItems] = useState<MyProvider[] | null>(null);
  const loadError = useApiLoad<{ items: MyProvider[] }>("/me/providers", (loaded) => setItems(loaded.items));
  const heading = <PageHeading title={t("myProvidersTitle")} lead={t("myProvidersLead")} />;
  if (!items) {
    return (
      <>
        {heading}
        {loadError ? <AlertMessage message={describeError(loadError)} /> : <LoadingPanel />}
      </>
    );
  }
  if (items.length === 0) {
    return (
      <>
        {heading}
        <EmptyState icon={Users} message={t("myProvidersEmpty")} />
      </>
    );
  }
  return (
    <>
      {heading}
      <ul className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white shadow-sm">
        {items.map((provider) => (
          <li key={provider.id} className="flex flex-wrap items-center gap-3 px-4 py-4 sm:px-6">
            <div className="min-w-0 flex-1">
              <Link href={`/providers/${provider.id}`} className="font-semibold text-slate-900 hover:text-indigo-700">
                {provider.name || t("noName")}
              </Link>
              <p className="mt-1 text-xs text-slate-500">
                {[
                  provider.invited ? t("viaInvitation") : null,
                  provider.orders > 0 ? t("ordersCount", { count: provider.orders }) : null,
                  provider.appointments > 0 ? t("appointmentsCount", { count: provider.appointments }) : null,
                ]
                  .filter((part) => part !== null)
                  .join(" · ")}
              </p>
            </div>
            <LiveProviderStatusBadge providerId={provider.id} status={provider.live?.status ?? "not_set"} online={provider.live?.online ?? false} />
            <Link href={provider.chatPath} className="inline-flex items-center gap-1.5 rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
              <MessageCircle aria-hidden="true" className="size-4" />
              {t("chat")}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
