"use client";

import { ArrowDownLeft, ArrowUpRight } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import type { Movement, MovementKind } from "../../contract/wallet.ts";
import { formatDateTime } from "../lib/format-date-time.ts";
import { formatSignedMoney } from "../lib/format-money.ts";

type Props = { movements: Movement[]; currency: string; timeZone: string | null };

// A kind added on the server before it is named here is shown as its code rather than hidden;
// the record makes the compiler ask for a label of every kind the contract lists.
const kindLabels: Record<MovementKind, true> = {
  top_up: true,
  payout: true,
  demo_credit: true,
  consultation_prepay: true,
  work_escrow: true,
  files_purchase: true,
  files_sale: true,
  work_accepted: true,
  work_auto_accepted: true,
  order_cancelled_refund: true,
  order_closed_refund: true,
  work_refused_refund: true,
  dispute_resolution: true,
  package_purchase: true,
  package_renewal: true,
  package_minute: true,
  package_rest: true,
  session_prepaid_block: true,
  session_block: true,
  session_block_refund: true,
  session_quality_credit: true,
  session_report_refund: true,
  earnings_cleared: true,
};

function isKnownKind(kind: string): kind is MovementKind {
  return Object.hasOwn(kindLabels, kind);
}

function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

export function MovementsTable({ movements, currency, timeZone }: Props) {
  const t = useTranslations("finances");
  const locale = useLocale();
  return (
    <section aria-labelledby="movements-title" className="rounded-2xl border border-slate-200 bg-white shadow-sm">
      <h2 id="movements-title" className="px-6 pt-6 text-lg font-semibold text-slate-900">
        {t("movementsTitle")}
      </h2>
      {movements.length === 0 ? (
        <p className="px-6 pt-2 pb-6 text-sm text-slate-600">{t("movementsEmpty")}</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table aria-labelledby="movements-title" className="w-full text-left text-sm">
            <thead className="border-y border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2.5 sm:px-6">
                  {t("date")}
                </th>
                <th scope="col" className="px-4 py-2.5">
                  {t("operation")}
                </th>
                <th scope="col" className="px-4 py-2.5 text-right sm:px-6">
                  {t("sum")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {movements.map((movement) => {
                const incoming = movement.amountMinor > 0;
                const Icon = incoming ? ArrowDownLeft : ArrowUpRight;
                return (
                  <tr key={movement.id} className="align-top">
                    <td className="w-28 px-4 py-3 text-slate-600 sm:w-auto sm:px-6 sm:whitespace-nowrap">
                      <time dateTime={movement.createdAt}>{formatDateTime(movement.createdAt, locale, timeZone)}</time>
                    </td>
                    <td className="px-4 py-3">
                      <div className="flex items-start gap-2">
                        <Icon
                          aria-hidden="true"
                          className={`mt-0.5 size-4 shrink-0 ${incoming ? "text-emerald-600" : "text-slate-400"}`}
                        />
                        <div className="min-w-0">
                          <p className="font-medium text-slate-900">
                            {isKnownKind(movement.kind) ? t(`kinds.${movement.kind}`) : movement.kind}
                          </p>
                          {movement.account === "pending" ? (
                            <p className="text-xs font-medium text-amber-700">{t("pendingBadge")}</p>
                          ) : null}
                          {movement.memo ? <p className="text-slate-500 break-words">{movement.memo}</p> : null}
                          {movement.orderId ? (
                            <Link
                              href={`/orders/${movement.orderId}`}
                              className="text-indigo-700 hover:underline"
                            >
                              {t("order", { id: shortId(movement.orderId) })}
                            </Link>
                          ) : null}
                        </div>
                      </div>
                    </td>
                    <td
                      className={`px-4 py-3 text-right font-semibold whitespace-nowrap tabular-nums sm:px-6 ${
                        incoming ? "text-emerald-700" : "text-slate-900"
                      }`}
                    >
                      {formatSignedMoney(movement.amountMinor, currency, locale)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
