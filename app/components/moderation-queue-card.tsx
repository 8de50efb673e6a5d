"use client";

import { Check, X } from "lucide-react";
import { useId, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { useLocale, useTranslations } from "use-intl";
import { apiRequest } from "../lib/api-client.ts";
import { formatDateTime } from "../lib/format-date-time.ts";
import { formatMoney } from "../lib/format-money.ts";
import type { Locale } from "../lib/locale.ts";
import { pickLocalized } from "../lib/pick-localized.ts";
import type { ModerationQueueItem, Tweep as EditableTweep, TweepFile } from "../../contract/tweeps.ts";
import { formatFileSize } from "../lib/order-rules.ts";
import { tweepLanguages } from "../lib/tweep-form.ts";
import { useFailureMessage } from "../lib/use-failure-message.ts";
import { useCurrency, useViewerTimeZone } from "../lib/use-order-helpers.ts";
import { useCategories } from "../lib/use-categories.ts";
import { AlertMessage } from "./alert-message.tsx";
import { SubmitButton } from "./submit-button.tsx";
import { TextAreaField } from "./text-area-field.tsx";
import { TweepTypeIcon } from "./tweep-type-icon.tsx";

function TweepContentView({ tweep, showCover }: { tweep: EditableTweep; showCover: boolean }) {
  const t = useTranslations("moderation");
  const types = useTranslations("tweep.types");
  const locale = useLocale();
  const currency = useCurrency();
  const categories = useCategories();
  const money = (amountMinor: number) => formatMoney(amountMinor, currency, locale);
  const category = categories.find((known) => known.id === tweep.category);
  const languages = tweepLanguages.filter((language) => tweep.languages.includes(language));
  const row = (label: string, value: ReactNode) => (
    <div className="flex flex-col gap-0.5 py-2 sm:flex-row sm:gap-4">
      <dt className="text-sm text-slate-500 sm:w-40 sm:shrink-0">{label}</dt>
      <dd className="min-w-0 text-sm break-words whitespace-pre-wrap text-slate-900">{value}</dd>
    </div>
  );
  const prices = [
    tweep.videoPriceMinor !== undefined && tweep.videoPriceMinor !== null ? t("videoPrice", { price: money(tweep.videoPriceMinor) }) : null,
    tweep.textPriceMinor !== undefined && tweep.textPriceMinor !== null ? t("textPrice", { price: money(tweep.textPriceMinor) }) : null,
    tweep.priceMinor !== undefined && tweep.priceMinor !== null ? t("price", { price: money(tweep.priceMinor) }) : null,
  ].filter((price) => price !== null);
  const languageName = (language: Locale) => t(`languageNames.${language}`);

  return (
    <dl className="divide-y divide-slate-100">
      {row(t("type"), types(tweep.type))}
      {row(t("category"), category ? category.name[locale] : tweep.category)}
      {row(t("prices"), prices.join("\n"))}
      {tweep.region ? row(t("region"), tweep.region) : null}
      {languages.map((language) => (
        <div key={language} lang={language}>
          {row(t("titleIn", { language: languageName(language) }), <span className="font-semibold">{tweep.title[language] ?? ""}</span>)}
          {row(t("descriptionIn", { language: languageName(language) }), tweep.description[language] ?? "")}
        </div>
      ))}
      {tweep.links && tweep.links.length > 0
        ? row(
            t("links"),
            <ul className="space-y-0.5">
              {tweep.links.map((link) => (
                <li key={link}>
                  <a href={link} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-indigo-700 hover:underline">
                    {link}
                  </a>
                </li>
              ))}
            </ul>,
          )
        : null}
      {showCover
        ? row(
            t("cover"),
            tweep.hasCover ? (
              // Served by the API with the moderator's session.
              <img src={`/api/v1/tweeps/${encodeURIComponent(tweep.id)}/cover`} alt="" className="aspect-video w-full max-w-xs rounded-lg object-cover" />
            ) : (
              t("noCover")
            ),
          )
        : null}
    </dl>
  );
}

/** A queue item with the tweep's deliverable files (what a buyer would download). */
type QueueItemWithFiles = ModerationQueueItem & { files?: TweepFile[] };

type Props = { item: QueueItemWithFiles; onDecided: (tweepId: string, message: string) => void };

function TweepFilesView({ files }: { files: TweepFile[] }) {
  const t = useTranslations("moderation");
  const locale = useLocale();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="mt-3">
      <h3 id={headingId} className="text-sm font-semibold text-slate-700">
        {t("files")}
      </h3>
      {files.length === 0 ? (
        <p className="mt-1 text-sm text-amber-800">{t("noFiles")}</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100 rounded-lg border border-slate-200">
          {files.map((file) => (
            <li key={file.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 px-3 py-2 text-sm">
              <span className="min-w-0 font-medium break-all text-slate-900">{file.fileName}</span>
              <span className="text-xs text-slate-500">
                {formatFileSize(file.sizeBytes, locale)} · {file.contentType}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One tweep or edit waiting for a decision: the content to judge, approve, or reject with a reason. */
export function ModerationQueueCard({ item, onDecided }: Props) {
  const t = useTranslations("moderation");
  const locale = useLocale();
  const failureMessage = useFailureMessage();
  const timeZone = useViewerTimeZone();
  const titleId = useId();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState<"approve" | "reject" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const title = pickLocalized(item.proposed.title, locale)?.value ?? "—";

  async function decide(decision: "approve" | "reject") {
    if (decision === "reject" && reason.trim() === "") {
      setError(t("reasonRequired"));
      return;
    }
    setError(null);
    setBusy(decision);
    try {
      await apiRequest(`/moderation/tweeps/${encodeURIComponent(item.tweepId)}/${decision}`, {
        method: "POST",
        // The version shown: a later edit by the provider is refused (revision_changed), not decided unseen.
        body: decision === "reject" ? { reason: reason.trim(), version: item.version } : { version: item.version },
      });
      onDecided(item.tweepId, t(decision === "approve" ? "approved" : "rejected", { title }));
    } catch (caught) {
      setError(failureMessage(caught));
      setBusy(null);
    }
  }

  function onReject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void decide("reject");
  }

  return (
    <article aria-labelledby={titleId} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <div className="flex items-start gap-3">
        <TweepTypeIcon type={item.proposed.type} className="mt-1 size-5 shrink-0 text-slate-400" />
        <div className="min-w-0 flex-1">
          <p className="text-xs font-semibold tracking-wide text-indigo-700 uppercase">
            {t(item.kind === "revision" ? "revision" : "submission")}
          </p>
          <h2 id={titleId} className="mt-0.5 text-lg font-semibold break-words text-slate-900">
            {title}
          </h2>
          <p className="mt-0.5 text-xs text-slate-500">
            {t("submittedBy", { name: item.providerName, date: formatDateTime(item.submittedAt, locale, timeZone) })}
          </p>
        </div>
      </div>

      <h3 className="mt-4 text-sm font-semibold text-slate-700">{t("proposed")}</h3>
      <TweepContentView tweep={item.proposed} showCover={item.kind === "submission"} />
      {item.proposed.type === "files" || (item.files?.length ?? 0) > 0 ? <TweepFilesView files={item.files ?? []} /> : null}

      {item.published ? (
        <details className="mt-3 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">{t("published")}</summary>
          <TweepContentView tweep={item.published} showCover />
        </details>
      ) : null}

      <form onSubmit={onReject} noValidate className="mt-4 space-y-3 border-t border-slate-100 pt-4">
        <TextAreaField
          label={t("reason")}
          hint={t("rejectHint")}
          rows={2}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        {error ? <AlertMessage message={error} /> : null}
        <div className="flex flex-col gap-2 sm:flex-row">
          <SubmitButton
            type="button"
            busy={busy === "approve"}
            disabled={busy !== null}
            onClick={() => void decide("approve")}
            icon={<Check aria-hidden="true" className="size-4" />}
          >
            {t("approve")}
          </SubmitButton>
          <SubmitButton variant="secondary" busy={busy === "reject"} disabled={busy !== null} icon={<X aria-hidden="true" className="size-4" />}>
            {t("reject")}
          </SubmitButton>
        </div>
      </form>
    </article>
  );
}
