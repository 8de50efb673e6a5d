"use client";

import { useState } from "react";
import type { ReactNode } from "react";
import { useLocale, useTranslations } from "use-intl";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { formatMoney } from "../../lib/format-money.ts";
import type { OrderDetail } from "../../../contract/orders.ts";
import { useApiLoad } from "../../lib/use-api-load.ts";
import { useCurrency, useViewerTimeZone } from "../../lib/use-order-helpers.ts";

type Role = "customer" | "provider" | "moderator";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 py-2.5 sm:flex-row sm:gap-4">
      <dt className="text-sm text-slate-500 sm:w-48 sm:shrink-0">{label}</dt>
      <dd className="text-sm font-medium text-slate-900">{children}</dd>
    </div>
  );
}

/** The provider's public name; the customer's is not public, so the provider sees a role. */
function useProviderName(providerId: string, wanted: boolean): string | null {
  const [name, setName] = useState<string | null>(null);
  // A failure is not shown: the card is complete without it, the row then just says "Provider".
  useApiLoad<{ provider: { name: string } }>(wanted ? `/providers/${encodeURIComponent(providerId)}` : null, (loaded) =>
    setName(loaded.provider.name || null),
  );
  return name;
}

export function OrderSummary({ order, role }: { order: OrderDetail; role: Role }) {
  const t = useTranslations("order");
  const locale = useLocale();
  const currency = useCurrency();
  const timeZone = useViewerTimeZone();
  const providerName = useProviderName(order.providerId, role !== "provider");
  const money = (amountMinor: number) => formatMoney(amountMinor, currency, locale);
  const when = (iso: string) => <time dateTime={iso}>{formatDateTime(iso, locale, timeZone)}</time>;

  return (
    <section aria-labelledby="order-details-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="order-details-title" className="text-lg font-semibold text-slate-900">
        {t("details")}
      </h2>
      <dl className="mt-2 divide-y divide-slate-100">
        <Row label={t("yourRole")}>
          {role === "customer" ? t("roleCustomer") : role === "provider" ? t("roleProvider") : t("roleModerator")}
        </Row>
        {role === "provider" ? (
          <Row label={t("customer")}>{t("customerHidden")}</Row>
        ) : (
          <Row label={t("provider")}>{providerName ?? t("provider")}</Row>
        )}
        <Row label={order.type === "consultation" ? t("priceConsultation") : t("price")}>
          <span className="tabular-nums">{money(order.priceMinor)}</span>
        </Row>
        <Row label={t("held")}>
          <span className="tabular-nums">{money(order.heldMinor)}</span>
          {order.heldMinor > 0 ? <span className="mt-0.5 block text-xs font-normal text-slate-500">{t("heldNote")}</span> : null}
        </Row>
        <Row label={t("createdAt")}>{when(order.createdAt)}</Row>
        {order.deliveredAt ? <Row label={t("deliveredAt")}>{when(order.deliveredAt)}</Row> : null}
        {order.autoAcceptAt && order.status === "delivered" ? <Row label={t("autoAcceptAt")}>{when(order.autoAcceptAt)}</Row> : null}
        {order.finishedAt ? <Row label={t("finishedAt")}>{when(order.finishedAt)}</Row> : null}
      </dl>
      {order.acceptedAutomatically ? <p className="mt-3 text-sm text-slate-600">{t("acceptedAutomatically")}</p> : null}
    </section>
  );
}
