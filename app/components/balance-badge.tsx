"use client";

import { Wallet } from "lucide-react";
import { useLocale, useTranslations } from "use-intl";
import { formatMoney } from "../lib/format-money.ts";

/**
 * The balance in the top bar: a named group ("Balance") rather than a live region, so that
 * page-level status messages such as "Saved" stay the only role="status" on a page.
 */
export function BalanceBadge({ balanceMinor, currency }: { balanceMinor: number | null; currency: string | null }) {
  const t = useTranslations("topBar");
  const locale = useLocale();
  return (
    <div
      role="group"
      aria-label={t("balance")}
      className="inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-3 py-1 text-sm font-semibold text-emerald-800 tabular-nums ring-1 ring-emerald-200"
    >
      <Wallet aria-hidden="true" className="size-4" />
      {balanceMinor !== null && currency !== null ? formatMoney(balanceMinor, currency, locale) : "…"}
    </div>
  );
}
