"use client";

import { useCallback, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { LoadingPanel } from "../components/loading-panel.tsx";
import { PageHeading } from "../components/page-heading.tsx";
import { useSession } from "../components/session-provider.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import type { Wallet } from "../../contract/wallet.ts";
import { formatMoney } from "../lib/format-money.ts";
import { formatDateTime } from "../lib/format-date-time.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { MovementsTable } from "./movements-table.tsx";
import { PayoutForm } from "./payout-form.tsx";
import { TopUpForm } from "./top-up-form.tsx";
import { useApiLoad } from "../lib/use-api-load.ts";

type Props = {
  prefillMinor: number | null;
  returnPath: string | null;
  checkout: "success" | "cancelled" | null;
};

export function FinancesView({ prefillMinor, returnPath, checkout }: Props) {
  const t = useTranslations("finances");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const { session, walletVersion, setBalance } = useSession();
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [reloads, setReloads] = useState(0);

  const reload = useCallback(() => setReloads((value) => value + 1), []);

  // Reloads on first render, after this page moved money, and when the server pushes a
  // wallet change (an order charged a block in another tab, a Stripe payment confirmed).
  const loadError = useApiLoad<Wallet>(
    "/wallet",
    (loaded) => {
      setWallet(loaded);
      setBalance(loaded.balanceMinor);
    },
    `${reloads}:${walletVersion}`,
  );

  const applyBalance = useCallback(
    (balanceMinor: number) => {
      setBalance(balanceMinor);
      setWallet((current) => (current ? { ...current, balanceMinor } : current));
      reload();
    },
    [reload, setBalance],
  );

  if (!wallet) {
    return (
      <>
        <PageHeading title={t("title")} lead={t("lead")} />
        {loadError ? <AlertMessage message={`${t("loadError")} ${describeError(loadError)}`} /> : <LoadingPanel />}
      </>
    );
  }

  const timeZone = session.status === "authenticated" ? session.user.timeZone : null;

  return (
    <>
      <PageHeading title={t("title")} lead={t("lead")} />
      {checkout === "success" ? <StatusMessage>{t("checkoutSuccess")}</StatusMessage> : null}
      {checkout === "cancelled" ? <StatusMessage tone="info">{t("checkoutCancelled")}</StatusMessage> : null}

      <div className="mt-6 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <div className="space-y-6">
          <section
            aria-labelledby="balance-title"
            className="rounded-2xl bg-gradient-to-br from-indigo-600 to-indigo-800 p-6 text-white shadow-sm"
          >
            <h2 id="balance-title" className="text-sm font-medium text-indigo-100">
              {t("balance")}
            </h2>
            <p data-testid="available-balance" className="mt-1 text-3xl font-bold tracking-tight tabular-nums sm:text-4xl">
              {formatMoney(wallet.balanceMinor, wallet.currency, locale)}
            </p>
            {wallet.pendingMinor > 0 || wallet.pending.length > 0 ? (
              <p className="mt-2 text-sm text-indigo-100">
                {t("pendingLine")}{" "}
                <span data-testid="pending-balance" className="font-semibold text-white tabular-nums">
                  {formatMoney(wallet.pendingMinor, wallet.currency, locale)}
                </span>
              </p>
            ) : null}
          </section>

          {wallet.pending.length > 0 ? (
            <section aria-labelledby="pending-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
              <h2 id="pending-title" className="text-lg font-semibold text-slate-900">
                {t("pendingTitle")}
              </h2>
              <p className="mt-1 text-sm text-slate-600">{t("pendingLead")}</p>
              <ul className="mt-3 divide-y divide-slate-100 text-sm">
                {wallet.pending.map((earning) => (
                  <li key={earning.id} className="flex items-baseline justify-between gap-3 py-2">
                    <span className="text-slate-600">
                      {earning.held
                        ? t("pendingHeld")
                        : t("clearsOn", { date: formatDateTime(earning.clearsAt, locale, timeZone) })}
                    </span>
                    <span className="font-semibold tabular-nums">{formatMoney(earning.amountMinor, wallet.currency, locale)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          {/* Side by side on a tablet, stacked in the narrow column on a desktop. */}
          <div className="grid grid-cols-1 gap-6 md:grid-cols-2 lg:grid-cols-1">
            <TopUpForm
              currency={wallet.currency}
              prefillMinor={prefillMinor}
              returnPath={returnPath}
              onBalanceChanged={applyBalance}
            />
            <PayoutForm currency={wallet.currency} balanceMinor={wallet.balanceMinor} onBalanceChanged={applyBalance} />
          </div>
        </div>

        <MovementsTable movements={wallet.movements} currency={wallet.currency} timeZone={timeZone} />
      </div>
    </>
  );
}
