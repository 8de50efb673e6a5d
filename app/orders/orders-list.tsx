"use client";

import { ChevronRight, Search } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { LoadingPanel } from "../components/loading-panel.tsx";
import { OrderStatusBadge } from "../components/order-status-badge.tsx";
import { PageHeading } from "../components/page-heading.tsx";
import { useSession } from "../components/session-provider.tsx";
import { TweepTypeIcon } from "../components/tweep-type-icon.tsx";
import { formatDateTime } from "../lib/format-date-time.ts";
import { formatMoney } from "../lib/format-money.ts";
import type { Sale } from "../../contract/orders.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useCurrency, useOrderKind, useOrderTitle, useViewerTimeZone } from "../lib/use-order-helpers.ts";
import { EmptyState } from "../components/empty-state.tsx";
import { useApiLoad } from "../lib/use-api-load.ts";

type Props = { as: "customer" | "provider" };

/** "My orders" (as customer) and "My sales" (as provider, with what each sale brought). */
export function OrdersList({ as }: Props) {
  const t = useTranslations("orders");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const { subscribe } = useSession();
  const currency = useCurrency();
  const timeZone = useViewerTimeZone();
  const titleOf = useOrderTitle();
  const kindOf = useOrderKind();
  const [items, setItems] = useState<Sale[] | null>(null);
  const [reloads, setReloads] = useState(0);
  const loadError = useApiLoad<{ items: Sale[] }>(`/orders?as=${as}`, (loaded) => setItems(loaded.items), reloads);

  // A new sale, a delivery or an acceptance elsewhere shows up without a reload.
  useEffect(() => {
    const reload = () => setReloads((value) => value + 1);
    const offUpdated = subscribe("order:updated", reload);
    const offReconnect = subscribe("reconnect", reload);
    return () => {
      offUpdated();
      offReconnect();
    };
  }, [subscribe]);

  const sales = as === "provider";
  const heading = <PageHeading title={sales ? t("salesTitle") : t("title")} lead={sales ? t("salesLead") : t("lead")} />;
  const money = (amountMinor: number | undefined) => formatMoney(amountMinor ?? 0, currency, locale);

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
        <EmptyState message={sales ? t("salesEmpty") : t("empty")}>
          {sales ? null : (
            <Link
              href="/"
              className="mt-4 inline-flex items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700"
            >
              <Search aria-hidden="true" className="size-4" />
              {t("browse")}
            </Link>
          )}
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {heading}
      <section aria-labelledby="orders-count" className="rounded-2xl border border-slate-200 bg-white shadow-sm">
        <h2 id="orders-count" className="px-4 pt-5 text-sm font-medium text-slate-500 sm:px-6">
          {sales ? t("salesCount", { count: items.length }) : t("count", { count: items.length })}
        </h2>
        <ul className="mt-3 divide-y divide-slate-100 border-t border-slate-200">
          {items.map((order) => {
            const title = titleOf(order.title);
            return (
              <li key={order.id} className="relative px-4 py-4 hover:bg-slate-50 sm:px-6">
                <div className="flex items-start gap-3">
                  <span className="grid size-9 shrink-0 place-items-center rounded-lg bg-indigo-50 text-indigo-700">
                    <TweepTypeIcon type={order.type} className="size-5" />
                  </span>
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                      <Link
                        href={`/orders/${order.id}`}
                        lang={title.lang}
                        className="font-semibold break-words text-slate-900 after:absolute after:inset-0 hover:text-indigo-700"
                      >
                        {title.value}
                      </Link>
                      <OrderStatusBadge status={order.status} />
                    </div>
                    <p className="mt-1 text-sm text-slate-600">
                      {kindOf(order.type, order.medium)} · {t("ordered")}{" "}
                      <time dateTime={order.createdAt}>{formatDateTime(order.createdAt, locale, timeZone)}</time>
                    </p>
                    <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:flex sm:flex-wrap sm:gap-x-6">
                      <div className="flex gap-1.5">
                        <dt className="text-slate-500">{t("price")}</dt>
                        <dd className="font-medium text-slate-900 tabular-nums">{money(order.priceMinor)}</dd>
                      </div>
                      {sales ? (
                        <>
                          <div className="flex gap-1.5">
                            <dt className="text-slate-500">{t("gross")}</dt>
                            <dd className="font-medium text-slate-900 tabular-nums">{money(order.grossMinor)}</dd>
                          </div>
                          <div className="flex gap-1.5">
                            <dt className="text-slate-500">{t("commission")}</dt>
                            <dd className="font-medium text-slate-900 tabular-nums">{money(order.commissionMinor)}</dd>
                          </div>
                          <div className="flex gap-1.5">
                            <dt className="text-slate-500">{t("net")}</dt>
                            <dd className="font-semibold text-emerald-700 tabular-nums">{money(order.netMinor)}</dd>
                          </div>
                        </>
                      ) : null}
                    </dl>
                  </div>
                  <ChevronRight aria-hidden="true" className="mt-1 size-5 shrink-0 text-slate-400" />
                </div>
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
