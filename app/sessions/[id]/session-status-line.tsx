"use client";

import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { formatMoney } from "../../lib/format-money.ts";
import type { SessionView } from "../../../contract/sessions.ts";
import { describeSessionClock } from "../../lib/session-clock.ts";

/**
 * SPEC 5's status line, live on both sides: the viewer's balance, the session time, and the
 * time left in the current block. Ticks locally every second from the server's instants.
 */
export function SessionStatusLine({ session, balanceMinor, currency }: { session: SessionView; balanceMinor: number | null; currency: string | null }) {
  const t = useTranslations("live");
  const locale = useLocale();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (session.status !== "live") return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [session.status]);

  const clock = describeSessionClock(session, now);
  const item = "flex flex-col rounded-lg bg-slate-50 px-3 py-2";
  return (
    <dl aria-label={t("statusLine")} className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
      <div className={item}>
        <dt className="text-xs font-medium text-slate-600">{t("balance")}</dt>
        <dd data-testid="status-balance" className="text-base font-semibold text-slate-900 tabular-nums">
          {balanceMinor !== null && currency ? formatMoney(balanceMinor, currency, locale) : "—"}
        </dd>
      </div>
      <div className={item}>
        <dt className="text-xs font-medium text-slate-600">{t("sessionTime")}</dt>
        <dd data-testid="status-session-time" className="text-base font-semibold text-slate-900 tabular-nums">
          {clock.started ? formatDuration(clock.elapsedSeconds) : t("clockNotStarted")}
        </dd>
      </div>
      {session.packageMinutesLeft !== null ? (
        // SPEC 18: while a minute package pays, the status line shows its minutes left.
        <div className={item}>
          <dt className="text-xs font-medium text-slate-600">{t("packageMinutesLeft")}</dt>
          <dd data-testid="status-package-minutes" className="text-base font-semibold text-slate-900 tabular-nums">
            {clock.paused ? <span className="text-amber-700">{t("paused")}</span> : session.packageMinutesLeft}
          </dd>
        </div>
      ) : (
      <div className={item}>
        <dt className="text-xs font-medium text-slate-600">{t("blockLeft")}</dt>
        <dd data-testid="status-block-left" className="text-base font-semibold text-slate-900 tabular-nums">
          {clock.paused ? (
            <span data-testid="status-paused" className="text-amber-700">
              {t("paused")}
            </span>
          ) : clock.started && session.status === "live" ? (
            formatDuration(clock.blockLeftSeconds)
          ) : (
            "—"
          )}
        </dd>
      </div>
      )}
    </dl>
  );
}

function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const mm = String(minutes).padStart(2, "0");
  const ss = String(rest).padStart(2, "0");
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}
