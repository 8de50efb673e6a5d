"use client";

import { ArrowLeft, Phone, Star } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { formatMoney } from "../../lib/format-money.ts";
import type { SessionView } from "../../../contract/sessions.ts";
import { describeSessionClock } from "../../lib/session-clock.ts";
import { useSessionOutcome } from "../../lib/use-session-outcome.ts";
import { ReportSession } from "./report-session.tsx";
import { hasPaidBlock } from "../../lib/session-review-link.ts";

/**
 * After the end (issue: "one clear summary and the next steps"): how long the clock ran, the
 * blocks and the amount kept, why it ended; "Call again" while the order is open (customer),
 * and the way back to the order.
 */
export function SessionSummary(props: { session: SessionView; role: "customer" | "provider"; orderId: string; orderOpen: boolean; currency: string | null }) {
  const { session, role, orderId, orderOpen, currency } = props;
  const t = useTranslations("live");
  const locale = useLocale();
  const outcomeOf = useSessionOutcome();
  const clock = describeSessionClock(session, Date.parse(session.endedAt ?? new Date().toISOString()));
  const seconds = Math.floor(clock.elapsedSeconds);
  // What the customer paid in the end: blocks credited for a poor connection came back (SPEC 19).
  const amountMinor = (session.blocksCharged - session.blocksCredited) * session.blockPriceMinor;
  const creditedMinor = session.blocksCredited * session.blockPriceMinor;
  const money = (minor: number) => (currency ? formatMoney(minor, currency, locale) : String(minor));
  const link = "inline-flex min-h-10 items-center gap-2 rounded-lg px-4 py-2 text-sm font-semibold";
  return (
    <section role="alert" aria-label={t("summaryTitle")} data-testid="session-ended" className="mt-4 rounded-xl border border-slate-300 bg-slate-50 p-4 text-sm text-slate-900">
      <p className="font-semibold">{session.endReason === "insufficient_funds" ? t("cutOffTitle") : t("endedTitle")}</p>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-600">{t("summaryDuration")}</dt>
          <dd data-testid="summary-duration" className="font-semibold tabular-nums">
            {t("minutesSeconds", { minutes: Math.floor(seconds / 60), seconds: seconds % 60 })}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">{t("summaryBlocks")}</dt>
          <dd data-testid="summary-blocks" className="font-semibold tabular-nums">
            {session.blocksCharged}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">{t("summaryAmount")}</dt>
          <dd data-testid="summary-amount" className="font-semibold tabular-nums">
            {money(amountMinor)}
          </dd>
        </div>
        {session.blocksCredited > 0 ? (
          <div>
            <dt className="text-xs text-slate-600">{t("summaryCredited")}</dt>
            <dd data-testid="summary-credited" className="font-semibold tabular-nums">
              {t("summaryCreditedValue", { blocks: session.blocksCredited, amount: money(creditedMinor) })}
            </dd>
          </div>
        ) : null}
        <div>
          <dt className="text-xs text-slate-600">{t("summaryReason")}</dt>
          <dd data-testid="summary-reason" className="font-semibold">
            {outcomeOf(session)}
          </dd>
        </div>
      </dl>
      <div className="mt-3 flex flex-wrap gap-2">
        {role === "customer" && orderOpen ? (
          <Link href={`/orders/${orderId}`} className={`${link} bg-indigo-600 text-white hover:bg-indigo-700`}>
            <Phone aria-hidden="true" className="size-4" />
            {t("callAgain")}
          </Link>
        ) : null}
        {hasPaidBlock(session) ? (
          <Link href={`/sessions/${session.id}/review`} className={`${link} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`}>
            <Star aria-hidden="true" className="size-4" />
            {t("leaveReview")}
          </Link>
        ) : null}
        <Link href={`/orders/${orderId}`} className={`${link} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`}>
          <ArrowLeft aria-hidden="true" className="size-4" />
          {t("backToOrder")}
        </Link>
      </div>
      <ReportSession sessionId={session.id} currency={currency} role={role} />
    </section>
  );
}
