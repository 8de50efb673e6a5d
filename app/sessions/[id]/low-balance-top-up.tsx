"use client";

import { Wallet } from "lucide-react";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { useSession } from "../../components/session-provider.tsx";
import { apiRequest } from "../../lib/api-client.ts";
import { formatMoney } from "../../lib/format-money.ts";
import type { LowBalanceEvent } from "../../../contract/live-events.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useIdempotencyKey } from "../../lib/use-idempotency-key.ts";

type TopUpResponse = { topUp: { status: string; checkoutUrl: string | null; amountMinor: number }; balanceMinor: number };

/**
 * SPEC 5: a minute before a boundary the balance cannot pay, the customer is warned and may
 * top up the missing amount without leaving the session (Stripe Checkout opens in a new tab).
 */
export function LowBalanceTopUp({ warning, sessionPath, onDone }: { warning: LowBalanceEvent; sessionPath: string; onDone: () => void }) {
  const t = useTranslations("live");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const { session, setBalance } = useSession();
  const idempotency = useIdempotencyKey();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [waitingForCard, setWaitingForCard] = useState(false);
  const currency = session.status === "authenticated" ? session.currency : null;
  const balance = session.status === "authenticated" ? (session.balanceMinor ?? warning.balanceMinor) : warning.balanceMinor;
  const missingMinor = Math.max(warning.blockPriceMinor - balance, 1);
  const money = (amount: number) => (currency ? formatMoney(amount, currency, locale) : String(amount));

  async function topUp() {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await apiRequest<TopUpResponse>("/wallet/top-ups", {
        method: "POST",
        body: { amountMinor: missingMinor, returnPath: sessionPath },
        idempotencyKey: idempotency.keyFor(`session-top-up:${missingMinor}`),
      });
      idempotency.reset();
      if (answer.topUp.checkoutUrl) {
        window.open(answer.topUp.checkoutUrl, "_blank", "noopener");
        setWaitingForCard(true);
      } else {
        setBalance(answer.balanceMinor);
        onDone();
      }
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div role="alert" className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950 sm:flex-row sm:items-center">
      <Wallet aria-hidden="true" className="size-5 shrink-0" />
      <div className="flex-1 text-sm">
        <p className="font-semibold">{t("lowBalanceTitle")}</p>
        <p>{t("lowBalanceText", { price: money(warning.blockPriceMinor), balance: money(balance) })}</p>
        {waitingForCard ? <p className="mt-1">{t("lowBalanceCheckout")}</p> : null}
        {problem ? <p className="mt-1 text-red-700">{problem}</p> : null}
      </div>
      <button
        type="button"
        onClick={() => void topUp()}
        disabled={busy}
        aria-busy={busy || undefined}
        className="inline-flex min-h-10 items-center justify-center rounded-lg bg-amber-600 px-4 py-2 text-sm font-semibold text-white hover:bg-amber-700 disabled:opacity-60"
      >
        {busy ? t("toppingUp") : t("topUpAmount", { amount: money(missingMinor) })}
      </button>
    </div>
  );
}
