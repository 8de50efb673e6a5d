"use client";

import Link from "next/link";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { useSession } from "../../components/session-provider.tsx";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { formatMoney } from "../../lib/format-money.ts";
import type { SessionView } from "../../../contract/sessions.ts";
import { useSessionOutcome } from "../../lib/use-session-outcome.ts";
import { hasPaidBlock, reviewWindowOpen } from "../../lib/session-review-link.ts";

/** SPEC 13 sessions of an order: when each started and ended, why, and what it charged. */
export function SessionHistory({ sessions, currency }: { sessions: SessionView[]; currency: string | null }) {
  const t = useTranslations("live");
  const locale = useLocale();
  const { session } = useSession();
  const outcomeOf = useSessionOutcome();
  // When the card was opened: enough to word the link; the review page asks the server.
  const [openedAt] = useState(() => Date.now());
  const timeZone = session.status === "authenticated" ? session.user.timeZone : null;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale, timeZone) : "—");
  return (
    <div className="mt-5 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="mb-2 text-left font-semibold text-slate-900">{t("sessionsCaption")}</caption>
        <thead className="text-xs text-slate-600 uppercase">
          <tr>
            <th scope="col" className="py-1 pr-3">{t("column.started")}</th>
            <th scope="col" className="py-1 pr-3">{t("column.ended")}</th>
            <th scope="col" className="py-1 pr-3">{t("column.outcome")}</th>
            <th scope="col" className="py-1 text-right">{t("column.charged")}</th>
            <th scope="col" className="py-1 pl-3"><span className="sr-only">{t("column.review")}</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sessions.map((s) => (
            <tr key={s.id}>
              <td className="py-1.5 pr-3 whitespace-nowrap">{when(s.clockStartedAt ?? s.answeredAt ?? s.ringExpiresAt)}</td>
              <td className="py-1.5 pr-3 whitespace-nowrap">{when(s.endedAt)}</td>
              <td className="py-1.5 pr-3">{outcomeOf(s)}</td>
              <td className="py-1.5 text-right whitespace-nowrap">
                {t("blocks", { count: s.blocksCharged })}
                {currency && s.blocksCharged > 0 ? ` · ${formatMoney(s.blocksCharged * s.blockPriceMinor, currency, locale)}` : ""}
              </td>
              <td className="py-1.5 pl-3 whitespace-nowrap">
                {hasPaidBlock(s) ? (
                  <Link href={`/sessions/${s.id}/review`} className="font-medium text-indigo-700 hover:underline">
                    {reviewWindowOpen(s, openedAt) ? t("leaveReview") : t("reviews")}
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
