"use client";

import { Banknote } from "lucide-react";
import { useState } from "react";
import type { FormEvent } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { FormField } from "../components/form-field.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { apiRequest } from "../lib/api-client.ts";
import type { PayoutResponse } from "../../contract/wallet.ts";
import { formatMoney, getCurrencyFractionDigits, getCurrencySymbol } from "../lib/format-money.ts";
import { parseMoneyInput } from "../lib/parse-money-input.ts";
import { useFailureMessage } from "../lib/use-failure-message.ts";
import { useIdempotencyKey } from "../lib/use-idempotency-key.ts";

type Props = {
  currency: string;
  balanceMinor: number;
  onBalanceChanged: (balanceMinor: number) => void;
};

export function PayoutForm({ currency, balanceMinor, onBalanceChanged }: Props) {
  const t = useTranslations();
  const locale = useLocale();
  const failureMessage = useFailureMessage();
  const fractionDigits = getCurrencyFractionDigits(currency);
  const [amount, setAmount] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requestedMinor, setRequestedMinor] = useState<number | null>(null);
  const idempotency = useIdempotencyKey();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseMoneyInput(amount, fractionDigits);
    setRequestedMinor(null);
    if (!parsed.ok) {
      setError(t(`money.${parsed.error}`));
      return;
    }
    // Said here rather than after a round trip; the server still has the final word.
    if (parsed.amountMinor > balanceMinor) {
      setError(t("errors.insufficient_funds"));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const { payout, balanceMinor: newBalance } = await apiRequest<PayoutResponse>("/wallet/payouts", {
        method: "POST",
        body: { amountMinor: parsed.amountMinor },
        idempotencyKey: idempotency.keyFor(`payout:${parsed.amountMinor}`),
      });
      idempotency.reset();
      onBalanceChanged(newBalance);
      setRequestedMinor(payout.amountMinor);
      setAmount("");
    } catch (caught) {
      setError(failureMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="payout-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="payout-title" className="text-lg font-semibold text-slate-900">
        {t("finances.payoutTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("finances.payoutLead")}</p>
      <form onSubmit={submit} noValidate aria-labelledby="payout-title" className="mt-4 space-y-4">
        <FormField
          label={t("finances.payoutAmount")}
          hint={t("finances.amountHint", { currency })}
          name="payoutAmount"
          suffix={getCurrencySymbol(currency, locale)}
          inputMode="decimal"
          autoComplete="off"
          required
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
        />
        {error ? <AlertMessage message={error} /> : null}
        {requestedMinor !== null ? (
          <StatusMessage>{t("finances.payoutRequested", { amount: formatMoney(requestedMinor, currency, locale) })}</StatusMessage>
        ) : null}
        <SubmitButton
          busy={busy}
          variant="secondary"
          icon={<Banknote aria-hidden="true" className="size-4" />}
          className="w-full"
        >
          {t("finances.requestPayout")}
        </SubmitButton>
      </form>
    </section>
  );
}
