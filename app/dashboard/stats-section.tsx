"use client";

import { Download } from "lucide-react";
import { useMemo, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { useSession } from "../components/session-provider.tsx";
import { formatMoney } from "../lib/format-money.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import type { Stats } from "../../contract/queue.ts";
import { StatsChart } from "./stats-chart.tsx";

function isoDate(date: Date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

/**
 * Statistics (SPEC 18): earnings, sessions, minutes and calls per day or week over a chosen
 * range, live (reloaded whenever money reaches the provider's account), with the period's
 * totals and a CSV export of the very series shown.
 */
export function StatsSection() {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const { walletVersion } = useSession();
  const [to, setTo] = useState(() => isoDate(new Date()));
  const [from, setFrom] = useState(() => isoDate(new Date(Date.now() - 13 * 86_400_000)));
  const [bucket, setBucket] = useState<"day" | "week">("day");
  const [stats, setStats] = useState<Stats | null>(null);
  const path = from && to && from <= to ? `/me/stats?from=${from}&to=${to}&bucket=${bucket}` : null;
  const loadError = useApiLoad<Stats>(path, setStats, walletVersion);

  const currency = stats?.currency ?? "RUB";
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const rows = useMemo(
    () =>
      (stats?.series ?? []).map((point) => ({
        ...point,
        // Plotted in major units so the axis reads as money; the table shows the exact amount.
        earnings: point.earningsMinor / 100,
        label: new Date(`${point.start}T12:00:00Z`).toLocaleDateString(locale, { day: "numeric", month: "short", timeZone: "UTC" }),
      })),
    [stats, locale],
  );

  function exportCsv() {
    if (!stats) return;
    const header = "start,earnings_minor,gross_minor,sessions,minutes,answered,missed";
    const lines = stats.series.map((p) => [p.start, p.earningsMinor, p.grossMinor, p.sessions, p.minutes, p.answered, p.missed].join(","));
    const url = URL.createObjectURL(new Blob([[header, ...lines].join("\n") + "\n"], { type: "text/csv" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `statistics-${stats.from}-${stats.to}-${stats.bucket}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  }

  const inputClass = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <section aria-labelledby="stats-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="stats-heading" className="text-lg font-semibold text-slate-900">
          {t("statsTitle")}
        </h2>
        <div className="flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1">
            {t("from")}
            <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} className={inputClass} />
          </label>
          <label className="flex flex-col gap-1">
            {t("to")}
            <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} className={inputClass} />
          </label>
          <label className="flex flex-col gap-1">
            {t("bucket")}
            <select value={bucket} onChange={(e) => setBucket(e.target.value as "day" | "week")} className={inputClass}>
              <option value="day">{t("bucketDay")}</option>
              <option value="week">{t("bucketWeek")}</option>
            </select>
          </label>
          <button
            type="button"
            onClick={exportCsv}
            disabled={!stats}
            className="inline-flex min-h-9 items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-semibold text-slate-800 hover:bg-slate-50"
          >
            <Download aria-hidden="true" className="size-4" />
            {t("exportCsv")}
          </button>
        </div>
      </div>
      {loadError ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {describeError(loadError)}
        </p>
      ) : null}
      {stats ? (
        <>
          <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" aria-label={t("totals")} data-testid="stats-totals">
            <div>
              <dt className="text-slate-500">{t("earningsChart")}</dt>
              <dd className="font-semibold tabular-nums" data-testid="total-earnings">{money(stats.totals.earningsMinor)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("sessionsChart")}</dt>
              <dd className="font-semibold tabular-nums">{stats.totals.sessions}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("minutesChart")}</dt>
              <dd className="font-semibold tabular-nums">{stats.totals.minutes}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("answered")}</dt>
              <dd className="font-semibold tabular-nums">{stats.totals.answered}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("missed")}</dt>
              <dd className="font-semibold tabular-nums">{stats.totals.missed}</dd>
            </div>
          </dl>
          <div className="mt-4 grid gap-4 lg:grid-cols-2">
            <StatsChart id="earnings" title={t("earningsChart")} rows={rows} periodLabel={t("period")} series={[{ key: "earnings", label: t("net"), color: "#4f46e5" }]} format={(major) => money(Math.round(major * 100))} />
            <StatsChart id="sessions" title={t("sessionsChart")} rows={rows} periodLabel={t("period")} series={[{ key: "sessions", label: t("sessionsChart"), color: "#0891b2" }]} format={String} />
            <StatsChart id="minutes" title={t("minutesChart")} rows={rows} periodLabel={t("period")} series={[{ key: "minutes", label: t("minutesChart"), color: "#059669" }]} format={String} />
            <StatsChart
              id="calls"
              title={t("callsChart")}
              rows={rows}
              periodLabel={t("period")}
              series={[
                { key: "answered", label: t("answered"), color: "#16a34a", stackId: "calls" },
                { key: "missed", label: t("missed"), color: "#dc2626", stackId: "calls" },
              ]}
              format={String}
            />
          </div>
        </>
      ) : null}
    </section>
  );
}
