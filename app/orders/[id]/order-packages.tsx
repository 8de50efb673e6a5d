"use client";

import { useCallback, useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { useSession } from "../../components/session-provider.tsx";
import { ApiError, apiRequest } from "../../lib/api-client.ts";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { formatMoney } from "../../lib/format-money.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useIdempotencyKey } from "../../lib/use-idempotency-key.ts";
import type { OrderDetail } from "../../../contract/orders.ts";
import type { OrderPackages as Packages, PackagePurchaseView } from "../../../contract/packages.ts";

/**
 * SPEC 18 on the order card: the minute packages the tweep offers ("Buy package", with
 * automatic renewal), and the packages bought on the order with the minutes left.
 */
export function OrderPackages({ order, role }: { order: OrderDetail; role: "customer" | "provider" | "moderator" }) {
  const t = useTranslations("packages");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const { session, subscribe } = useSession();
  const { keyFor, reset } = useIdempotencyKey();
  const [packages, setPackages] = useState<Packages | null>(null);
  const [autoRenew, setAutoRenew] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const currency = session.status === "authenticated" ? session.currency : null;
  const timeZone = session.status === "authenticated" ? session.user.timeZone : null;

  const reload = useCallback(() => {
    if (role === "moderator") return;
    apiRequest<Packages>(`/orders/${order.id}/packages`)
      .then(setPackages)
      .catch(() => undefined);
  }, [order.id, role]);

  useEffect(() => {
    reload();
    const offs = [subscribe("session:updated", (event) => (event.orderId === order.id ? reload() : undefined)), subscribe("reconnect", reload)];
    return () => offs.forEach((off) => off());
  }, [order.id, reload, subscribe]);

  if (!packages || (packages.offered.length === 0 && packages.purchases.length === 0)) return null;
  const active = packages.purchases.find((p) => p.status === "active");
  const money = (minor: number) => (currency ? formatMoney(minor, currency, locale) : String(minor));

  async function buy(packageId: string) {
    setBusy(packageId);
    setProblem(null);
    try {
      await apiRequest(`/orders/${order.id}/packages`, { body: { packageId, autoRenew }, idempotencyKey: keyFor(`${packageId}:${autoRenew}`) });
      reset();
      reload();
    } catch (error) {
      const shortfall = error instanceof ApiError ? error.details?.shortfallMinor : undefined;
      setProblem(error instanceof ApiError && error.code === "insufficient_funds" && typeof shortfall === "number" ? t("shortfall", { amount: money(shortfall) }) : describeError(error));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="order-packages-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="order-packages-heading" className="text-base font-semibold text-slate-900">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      {active ? (
        <p data-testid="package-active" className="mt-3 text-sm font-medium text-slate-900">
          {t("activeLine", { left: active.minutesLeft, minutes: active.minutes, until: formatDateTime(active.validUntil, locale, timeZone) })}
          {active.autoRenew ? ` · ${t("autoRenewOn")}` : ""}
        </p>
      ) : null}
      {role === "customer" && order.status === "open" && !active && packages.offered.length > 0 ? (
        <div className="mt-3 space-y-2">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={autoRenew} onChange={(event) => setAutoRenew(event.target.checked)} className="size-4 rounded border-slate-300" />
            {t("autoRenew")}
          </label>
          <ul className="space-y-2">
            {packages.offered.map((offer) => (
              <li key={offer.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-50 px-3 py-2 text-sm">
                <span>{t("offer", { minutes: offer.minutes, price: money(offer.priceMinor), days: offer.validityDays })}</span>
                <button
                  type="button"
                  onClick={() => void buy(offer.id)}
                  disabled={busy !== null}
                  aria-busy={busy === offer.id || undefined}
                  className="rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-700 disabled:bg-indigo-400"
                >
                  {t("buy")}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {problem ? (
        <div className="mt-3">
          <AlertMessage message={problem} />
        </div>
      ) : null}
      {packages.purchases.length > 0 ? <PurchaseList purchases={packages.purchases} money={money} /> : null}
    </section>
  );
}

function PurchaseList({ purchases, money }: { purchases: PackagePurchaseView[]; money: (minor: number) => string }) {
  const t = useTranslations("packages");
  return (
    <ul aria-label={t("bought")} className="mt-3 divide-y divide-slate-100 text-sm">
      {purchases.map((p) => (
        <li key={p.id} className="flex flex-wrap justify-between gap-2 py-1.5">
          <span>{t("purchase", { minutes: p.minutes, price: money(p.priceMinor) })}</span>
          <span className="text-slate-600">{t(`status.${p.status}`, { left: p.minutesLeft })}</span>
        </li>
      ))}
    </ul>
  );
}
