"use client";

import type { ReactNode } from "react";
import { useLocale, useTranslations } from "use-intl";
import type { EvidencePack } from "../../contract/reports.ts";
import { formatDateTime } from "../lib/format-date-time.ts";
import { formatMoney } from "../lib/format-money.ts";
import { useCurrency, useViewerTimeZone } from "../lib/use-order-helpers.ts";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 py-1.5 sm:flex-row sm:gap-4">
      <dt className="text-xs text-slate-500 sm:w-44 sm:shrink-0">{label}</dt>
      <dd className="min-w-0 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

/** SPEC 17: the evidence pack of one session, as the records hold it (reports and consultation disputes). */
export function EvidencePackView({ pack }: { pack: EvidencePack }) {
  const t = useTranslations("evidence");
  const locale = useLocale();
  const currency = useCurrency();
  const timeZone = useViewerTimeZone();
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(iso, locale, timeZone)}</time> : "—");
  const money = (minor: number) => formatMoney(minor, currency, locale);
  return (
    <div data-testid="evidence-pack" className="rounded-xl border border-slate-200 bg-slate-50 p-3">
      <dl className="divide-y divide-slate-100">
        <Row label={t("medium")}>{t(`media.${pack.medium}`)}</Row>
        <Row label={t("answeredAt")}>{when(pack.answeredAt)}</Row>
        <Row label={t("clockStartedAt")}>{when(pack.clockStartedAt)}</Row>
        <Row label={t("endedAt")}>{when(pack.endedAt)}</Row>
        <Row label={t("endedBy")}>
          {pack.endedBy ? t(`endedByWho.${pack.endedBy}`) : "—"}
          {pack.endReason ? ` · ${pack.endReason}` : ""}
        </Row>
        <Row label={t("blocks")}>
          <span data-testid="evidence-blocks">{t("blocksLine", { charged: pack.blocksCharged, amount: money(pack.chargedMinor), refunded: pack.blocksRefunded })}</span>
        </Row>
        <Row label={t("pending")}>{money(pack.pendingMinor)}</Row>
        <Row label={t("quality")}>
          {t("qualityLine", {
            paused: Math.round(pack.quality.pausedTotalMs / 1000),
            credited: pack.blocksCredited,
          })}
          {pack.medium === "video" ? ` · ${t("mediaSeen")} ` : null}
          {pack.medium === "video" ? when(pack.quality.mediaSeenAt) : null}
        </Row>
      </dl>
      <h4 className="mt-3 text-xs font-semibold tracking-wide text-slate-600 uppercase">{t("transcript")}</h4>
      {pack.transcript.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">{t("noTranscript")}</p>
      ) : (
        <ol className="mt-1 max-h-64 space-y-1 overflow-y-auto text-sm">
          {pack.transcript.map((line, index) => (
            <li key={index}>
              <span className="text-xs text-slate-500">{when(line.createdAt)}</span>{" "}
              <span className="font-medium">{t(`roles.${line.authorRole}`)}:</span> <span className="whitespace-pre-wrap">{line.body}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
