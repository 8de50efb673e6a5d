"use client";

import { CreditCard } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FormEvent } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { FormField } from "../components/form-field.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { apiRequest } from "../lib/api-client.ts";
import type { TopUpResponse } from "../../contract/wallet.ts";
import { formatMoney, formatMoneyInput, getCurrencyFractionDigits, getCurrencySymbol } from "../lib/format-money.ts";
import { parseMoneyInput } from "../lib/parse-money-input.ts";
import { useFailureMessage } from "../lib/use-failure-message.ts";
import { useIdempotencyKey } from "../lib/use-idempotency-key.ts";

type Props = {
  currency: string;
  prefillMinor: number | null;
  returnPath: string | null;
  onBalanceChanged: (balanceMinor: number) => void;
};

type Outcome = { kind: "completed" | "pending" | "redirecting"; amountMinor: number };

export function TopUpForm({ currency, prefillMinor, returnPath, onBalanceChanged }: Props) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const failureMessage = useFailureMessage();
  const fractionDigits = getCurrencyFractionDigits(currency);
  const [amount, setAmount] = useState(() =>
    prefillMinor !== null ? formatMoneyInput(prefillMinor, fractionDigits, locale) : "",
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const idempotency = useIdempotencyKey();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseMoneyInput(amount, fractionDigits);
    if (!parsed.ok) {
      setError(t(`money.${parsed.error}`));
      setOutcome(null);
      return;
    }
    setError(null);
    setOutcome(null);
    setBusy(true);
    try {
      const { topUp, balanceMinor } = await apiRequest<TopUpResponse>("/wallet/top-ups", {
        method: "POST",
        // Stripe Checkout sends the person back to returnPath (or /finances) when they have paid.
        body: returnPath ? { amountMinor: parsed.amountMinor, returnPath } : { amountMinor: parsed.amountMinor },
        idempotencyKey: idempotency.keyFor(`top-up:${parsed.amountMinor}`),
      });
      idempotency.reset();
      if (topUp.checkoutUrl) {
        // Stripe Checkout takes over; the webhook credits the balance when the card is charged.
        setOutcome({ kind: "redirecting", amountMinor: topUp.amountMinor });
        window.location.assign(topUp.checkoutUrl);
        return;
      }
      onBalanceChanged(balanceMinor);
      setOutcome({ kind: topUp.status === "completed" ? "completed" : "pending", amountMinor: topUp.amountMinor });
      setBusy(false);
      if (topUp.status === "completed") {
        setAmount("");
        if (returnPath) router.push(returnPath);
      }
    } catch (caught) {
      setError(failureMessage(caught));
      setBusy(false);
    }
  }

  const money = (amountMinor: number) => formatMoney(amountMinor, currency, locale);

  return (
    <section aria-labelledby="top-up-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="top-up-title" className="text-lg font-semibold text-slate-900">
        {t("finances.topUpTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("finances.topUpLead")}</p>
      {prefillMinor !== null ? (
        <p className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          {t("finances.missing", { amount: money(prefillMinor) })}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate aria-labelledby="top-up-title" className="mt-4 space-y-4">
        <FormField
          label={t("finances.amount")}
          hint={t("finances.amountHint", { currency })}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          required
          suffix={getCurrencySymbol(currency, locale)}
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
        />
        {error ? <AlertMessage message={error} /> : null}
        {outcome?.kind === "completed" ? (
          <StatusMessage>{t("finances.topUpDone", { amount: money(outcome.amountMinor) })}</StatusMessage>
        ) : null}
        {outcome?.kind === "pending" ? (
          <StatusMessage tone="info">{t("finances.topUpPending", { amount: money(outcome.amountMinor) })}</StatusMessage>
        ) : null}
        {outcome?.kind === "redirecting" ? <StatusMessage tone="info">{t("finances.redirecting")}</StatusMessage> : null}
        <SubmitButton busy={busy} icon={<CreditCard aria-hidden="true" className="size-4" />} className="w-full">
          {t("finances.topUp")}
        </SubmitButton>
        {returnPath ? (
          <p className="text-xs text-slate-500">
            {t("finances.returnNote")}{" "}
            <Link href={returnPath} className="font-medium text-indigo-700 hover:underline">
              {t("finances.returnNow")}
            </Link>
          </p>
        ) : null}
      </form>
    </section>
  );
}
