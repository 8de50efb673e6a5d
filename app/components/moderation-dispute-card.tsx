"use client";

import { ExternalLink, Gavel, MessagesSquare } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { useLocale, useTranslations } from "use-intl";
import { ApiError, apiRequest } from "../lib/api-client.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import { formatDateTime } from "../lib/format-date-time.ts";
import { formatMoney, formatMoneyInput, getCurrencyFractionDigits, getCurrencySymbol } from "../lib/format-money.ts";
import type { Dispute, Order } from "../../contract/orders.ts";
import { getLoginRedirect } from "../lib/redirect-to-login.ts";
import { parseShareInput, splitInHalf } from "../lib/resolve-split.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useCurrency, useOrderKind, useOrderTitle, useViewerTimeZone } from "../lib/use-order-helpers.ts";
import { AlertMessage } from "./alert-message.tsx";
import { FormField } from "./form-field.tsx";
import { SubmitButton } from "./submit-button.tsx";
import { TextAreaField } from "./text-area-field.tsx";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 py-2 sm:flex-row sm:gap-4">
      <dt className="text-sm text-slate-500 sm:w-40 sm:shrink-0">{label}</dt>
      <dd className="min-w-0 text-sm break-words whitespace-pre-wrap text-slate-900">{children}</dd>
    </div>
  );
}

const quickClassName =
  "inline-flex min-h-9 items-center rounded-full border border-slate-300 bg-white px-3 py-1 text-xs font-semibold text-slate-700 hover:bg-slate-50 disabled:text-slate-400";

type Props = { dispute: Dispute; onResolved: (disputeId: string, message: string) => void };

/**
 * An open dispute for a moderator (SPEC 8): the order, the money held in it, the link to
 * the correspondence, and the split of the held amount between provider and customer.
 */
export function ModerationDisputeCard({ dispute, onResolved }: Props) {
  const t = useTranslations("moderation");
  const locale = useLocale();
  const router = useRouter();
  const describeError = useErrorMessage();
  const money = useTranslations("money");
  const currency = useCurrency();
  const timeZone = useViewerTimeZone();
  const titleOf = useOrderTitle();
  const kindOf = useOrderKind();
  const titleId = useId();
  const fractionDigits = getCurrencyFractionDigits(currency);
  const [heldMinor, setHeldMinor] = useState<number | null>(null);
  const [toProvider, setToProvider] = useState("");
  const [toCustomer, setToCustomer] = useState("");
  const [reason, setReason] = useState("");
  const [refundPendingBlocks, setRefundPendingBlocks] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The dispute does not carry the held amount; the order card does, for moderators too.
  const heldError = useApiLoad<{ order: Order }>(`/orders/${encodeURIComponent(dispute.orderId)}`, (loaded) => setHeldMinor(loaded.order.heldMinor));

  const format = (amountMinor: number) => formatMoney(amountMinor, currency, locale);
  const asInput = (amountMinor: number) => formatMoneyInput(amountMinor, fractionDigits, locale);
  const fill = (split: { toProviderMinor: number; toCustomerMinor: number }) => {
    setToProvider(asInput(split.toProviderMinor));
    setToCustomer(asInput(split.toCustomerMinor));
    setError(null);
  };
  const title = titleOf(dispute.order.title);

  async function resolve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const providerPart = parseShareInput(toProvider, fractionDigits);
    const customerPart = parseShareInput(toCustomer, fractionDigits);
    const problem = (field: string, code: string) =>
      t("amountProblem", {
        field,
        problem: code === "invalid" || code === "too_many_decimals" || code === "too_large" ? money(code) : money("invalid"),
      });
    if (!providerPart.ok) return setError(problem(t("toProvider"), providerPart.error));
    if (!customerPart.ok) return setError(problem(t("toCustomer"), customerPart.error));
    if (reason.trim() === "") return setError(t("reasonRequired"));
    const sum = providerPart.amountMinor + customerPart.amountMinor;
    if (heldMinor !== null && sum !== heldMinor) return setError(t("sumMismatch", { sum: format(sum), held: format(heldMinor) }));
    setError(null);
    setBusy(true);
    try {
      await apiRequest(`/moderation/disputes/${encodeURIComponent(dispute.id)}/resolve`, {
        method: "POST",
        body: {
          toProviderMinor: providerPart.amountMinor,
          toCustomerMinor: customerPart.amountMinor,
          reason: reason.trim(),
          ...(dispute.order.type === "consultation" ? { refundPendingBlocks } : {}),
        },
      });
      onResolved(dispute.id, t("resolved"));
    } catch (caught) {
      const redirect = getLoginRedirect(caught);
      if (redirect) {
        router.replace(redirect);
        return;
      }
      // The hold may have changed meanwhile; the server says what it holds now.
      if (caught instanceof ApiError && caught.code === "validation_failed" && caught.message) {
        setError(caught.message);
      } else {
        setError(describeError(caught));
      }
      setBusy(false);
    }
  }

  const symbol = getCurrencySymbol(currency, locale);

  return (
    <article aria-labelledby={titleId} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <div className="flex items-start gap-3">
        <Gavel aria-hidden="true" className="mt-1 size-5 shrink-0 text-slate-400" />
        <div className="min-w-0 flex-1">
          <h2 id={titleId} lang={title.lang} className="text-lg font-semibold break-words text-slate-900">
            {title.value}
          </h2>
          <p className="mt-0.5 text-xs text-slate-500">
            {kindOf(dispute.order.type)} · {t("disputeOpened", { date: formatDateTime(dispute.createdAt, locale, timeZone) })}
          </p>
        </div>
      </div>

      <dl className="mt-3 divide-y divide-slate-100">
        <Row label={t("order")}>
          <Link href={`/orders/${dispute.orderId}`} className="inline-flex items-center gap-1 font-medium text-indigo-700 hover:underline">
            {t("openOrder")}
            <ExternalLink aria-hidden="true" className="size-3.5" />
          </Link>
        </Row>
        <Row label={t("held")}>
          {heldMinor !== null ? (
            <span className="font-semibold">{format(heldMinor)}</span>
          ) : heldError ? (
            t("heldUnknown")
          ) : (
            "…"
          )}
        </Row>
        <Row label={t("disputeReason")}>{dispute.reason}</Row>
        <Row label={t("correspondence")}>
          <Link href={`/disputes/${dispute.id}`} className="inline-flex items-center gap-1 font-medium text-indigo-700 hover:underline">
            <MessagesSquare aria-hidden="true" className="size-4" />
            {t("openCorrespondence")}
          </Link>
        </Row>
      </dl>

      <form onSubmit={resolve} noValidate className="mt-4 space-y-4 border-t border-slate-100 pt-4">
        {heldMinor !== null ? (
          <div className="flex flex-wrap gap-2">
            <button type="button" className={quickClassName} disabled={busy} onClick={() => fill({ toProviderMinor: heldMinor, toCustomerMinor: 0 })}>
              {t("allToProvider")}
            </button>
            <button type="button" className={quickClassName} disabled={busy} onClick={() => fill({ toProviderMinor: 0, toCustomerMinor: heldMinor })}>
              {t("allToCustomer")}
            </button>
            <button type="button" className={quickClassName} disabled={busy} onClick={() => fill(splitInHalf(heldMinor))}>
              {t("half")}
            </button>
          </div>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField
            label={t("toProvider")}
            inputMode="decimal"
            autoComplete="off"
            suffix={symbol}
            placeholder="0"
            value={toProvider}
            onChange={(event) => setToProvider(event.target.value)}
          />
          <FormField
            label={t("toCustomer")}
            inputMode="decimal"
            autoComplete="off"
            suffix={symbol}
            placeholder="0"
            value={toCustomer}
            onChange={(event) => setToCustomer(event.target.value)}
          />
        </div>
        {heldMinor !== null ? (
          <p className="text-xs text-slate-500">{heldMinor === 0 ? t("nothingHeld") : t("splitHint", { amount: format(heldMinor) })}</p>
        ) : null}
        {dispute.order.type === "consultation" ? (
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input type="checkbox" className="mt-1" checked={refundPendingBlocks} onChange={(event) => setRefundPendingBlocks(event.target.checked)} />
            <span>
              {t("refundPendingBlocks")}
              <span className="block text-xs text-slate-500">{t("refundPendingBlocksHint")}</span>
            </span>
          </label>
        ) : null}
        <TextAreaField label={t("reason")} rows={2} maxLength={4000} value={reason} onChange={(event) => setReason(event.target.value)} />
        {error ? <AlertMessage message={error} /> : null}
        <SubmitButton busy={busy}>{t("resolve")}</SubmitButton>
      </form>
    </article>
  );
}
