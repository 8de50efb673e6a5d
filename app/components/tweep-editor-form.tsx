"use client";

import { Archive, ArrowLeft, Save, Send } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FormEvent } from "react";
import { useLocale, useTranslations } from "use-intl";
import type { TweepType } from "../../contract/common.ts";
import type { Category, Tweep as EditableTweep, TweepContent, TweepPage as OwnTweepPage } from "../../contract/tweeps.ts";
import { ApiError, apiRequest } from "../lib/api-client.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import { getCurrencyFractionDigits, getCurrencySymbol } from "../lib/format-money.ts";
import type { Locale } from "../lib/locale.ts";
import { getLoginRedirect } from "../lib/redirect-to-login.ts";
import {
  buildTweepPayload,
  emptyTweepForm,
  tweepFormFrom,
  tweepLanguages,
  type TweepFormProblem,
  type TweepFormState,
  type TweepPayload,
} from "../lib/tweep-form.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useCurrency } from "../lib/use-order-helpers.ts";
import { AlertMessage } from "./alert-message.tsx";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { FormField } from "./form-field.tsx";
import { LoadingPanel } from "./loading-panel.tsx";
import { PageHeading } from "./page-heading.tsx";
import { SelectField } from "./select-field.tsx";
import { StatusMessage } from "./status-message.tsx";
import { SubmitButton } from "./submit-button.tsx";
import { TextAreaField } from "./text-area-field.tsx";
import { TweepStatusBadge } from "./tweep-editor-status-badge.tsx";
import { TweepEditorUploads } from "./tweep-editor-uploads.tsx";

const tweepTypes: readonly TweepType[] = ["consultation", "work", "files"];

type Notice = "saved" | "savedRevision" | "savedNoChange" | "submitted" | "archived";

/** What the form starts from: a pending or rejected edit of a published tweep, else the tweep. */
function contentToEdit(tweep: OwnTweepPage): TweepContent {
  const revision = tweep.latestRevision;
  if (tweep.status === "published" && revision && revision.status !== "approved") return revision;
  return tweep;
}

/**
 * The one editor for a new tweep and an existing one (SPEC 2): content, prices in major
 * units, save / submit / archive, and after the first save the cover and the files.
 */
export function TweepEditor({ tweepId }: { tweepId: string | null }) {
  const t = useTranslations("myTweeps");
  const types = useTranslations("tweep.types");
  const money = useTranslations("money");
  const locale = useLocale();
  const router = useRouter();
  const describeError = useErrorMessage();
  const currency = useCurrency();
  const fractionDigits = getCurrencyFractionDigits(currency);
  const [categories, setCategories] = useState<Category[]>([]);
  const [tweep, setTweep] = useState<OwnTweepPage | null>(null);
  const [form, setForm] = useState<TweepFormState>(() => emptyTweepForm());
  const [problems, setProblems] = useState<TweepFormProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<"save" | "submit" | "archive" | null>(null);
  const [confirmArchive, setConfirmArchive] = useState(false);

  const categoriesError = useApiLoad<{ items: Category[] }>("/categories", (loaded) => setCategories(loaded.items));
  // The form is filled once per load; a language switch does not refill it.
  const tweepError = useApiLoad<{ tweep: OwnTweepPage }>(tweepId ? `/tweeps/${encodeURIComponent(tweepId)}` : null, (loaded) => {
    setTweep(loaded.tweep);
    setForm(tweepFormFrom(loaded.tweep.type, contentToEdit(loaded.tweep), fractionDigits, locale));
    // A new tweep lands here after its first save; say so once.
    if (new URLSearchParams(window.location.search).has("created")) {
      setNotice("saved");
      window.history.replaceState(null, "", `/my-tweeps/${tweepId}`);
    }
  });
  const loadError = tweepError ?? categoriesError;

  const heading = (
    <>
      <Link
        href="/my-tweeps"
        className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:underline"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("back")}
      </Link>
      <PageHeading title={tweepId ? t("editTitle") : t("newTitle")} lead={tweepId ? undefined : t("newLead")} />
    </>
  );

  if (tweepId && !tweep) {
    const notFound = loadError instanceof ApiError && loadError.status === 404;
    return (
      <>
        {heading}
        {loadError ? <AlertMessage message={notFound ? t("notFound") : describeError(loadError)} /> : <LoadingPanel />}
      </>
    );
  }

  const status = tweep?.status ?? "draft";
  const editable = status === "draft" || status === "rejected" || status === "published";
  const canSubmit = tweep !== null && (status === "draft" || status === "rejected");
  const revision = tweep?.latestRevision ?? null;

  function describe(caught: unknown): string {
    // The server names the field it refused; our general sentence alone would not.
    if (caught instanceof ApiError && caught.code === "validation_failed" && caught.message) {
      return `${describeError(caught)} (${caught.message})`;
    }
    return describeError(caught);
  }

  function fail(caught: unknown) {
    const redirect = getLoginRedirect(caught);
    if (redirect) router.replace(redirect);
    else setError(describe(caught));
    setBusy(null);
  }

  function validate(forUpdate: boolean): TweepPayload | null {
    const built = buildTweepPayload(form, fractionDigits, forUpdate);
    if (!built.ok) {
      setProblems(built.problems);
      setError(null);
      return null;
    }
    setProblems([]);
    return built.payload;
  }

  /** Saves the form: null when the form was refused here or a new tweep moved to its own page. */
  async function save(): Promise<OwnTweepPage | null> {
    const payload = validate(tweep !== null);
    if (!payload) return null;
    if (!tweep) {
      const created = await apiRequest<{ tweep: EditableTweep }>("/tweeps", { method: "POST", body: { type: form.type, ...payload } });
      // The busy state stays on until the edit page takes over.
      router.replace(`/my-tweeps/${created.tweep.id}?created=1`);
      return null;
    }
    const saved = await apiRequest<{ tweep: EditableTweep; pendingRevision: OwnTweepPage["latestRevision"] }>(
      `/tweeps/${encodeURIComponent(tweep.id)}`,
      { method: "PATCH", body: payload },
    );
    const next: OwnTweepPage = {
      ...tweep,
      ...saved.tweep,
      latestRevision: saved.pendingRevision ?? tweep.latestRevision,
    };
    setTweep(next);
    return next;
  }

  async function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    if (!buildTweepPayload(form, fractionDigits, tweep !== null).ok) {
      validate(tweep !== null);
      return;
    }
    setBusy("save");
    try {
      const next = await save();
      if (next) {
        // An unchanged published tweep gets no revision (nothing goes to moderation).
        setNotice(next.status !== "published" ? "saved" : next.latestRevision?.status === "pending" ? "savedRevision" : "savedNoChange");
        setBusy(null);
      }
    } catch (caught) {
      fail(caught);
    }
  }

  async function onSubmitForModeration() {
    if (!tweep) return;
    setError(null);
    setNotice(null);
    setBusy("submit");
    try {
      const saved = await save();
      if (!saved) {
        setBusy(null);
        return;
      }
      const submitted = await apiRequest<{ tweep: EditableTweep }>(`/tweeps/${encodeURIComponent(tweep.id)}/submit`, { method: "POST" });
      setTweep({ ...saved, ...submitted.tweep });
      setNotice("submitted");
      setBusy(null);
    } catch (caught) {
      fail(caught);
    }
  }

  async function onArchive() {
    if (!tweep) return;
    setConfirmArchive(false);
    setError(null);
    setNotice(null);
    setBusy("archive");
    try {
      const archived = await apiRequest<{ tweep: EditableTweep }>(`/tweeps/${encodeURIComponent(tweep.id)}/archive`, { method: "POST" });
      setTweep({ ...tweep, ...archived.tweep });
      setNotice("archived");
      setBusy(null);
    } catch (caught) {
      fail(caught);
    }
  }

  const languageName = (language: Locale) => t(`languageNames.${language}`);
  const has = (match: (problem: TweepFormProblem) => boolean) => problems.some(match);
  const problemText = (problem: TweepFormProblem): string => {
    switch (problem.field) {
      case "languages":
      case "category":
      case "consultationPrice":
        return t(`problems.${problem.field}`);
      case "title":
      case "description":
        return t(`problems.${problem.field}`, { language: languageName(problem.language) });
      case "links":
        return problem.error === "tooMany" ? t("problems.tooManyLinks") : t("problems.links");
      default:
        return t("priceProblem", { field: t(problem.field), problem: moneyProblem(problem.error) });
    }
  };
  const moneyProblem = (code: string) =>
    code === "empty" || code === "invalid" || code === "too_many_decimals" || code === "not_positive" || code === "too_large"
      ? money(code)
      : code;

  const update = (change: Partial<TweepFormState>) => setForm((current) => ({ ...current, ...change }));
  const toggleLanguage = (language: Locale, on: boolean) =>
    update({ languages: on ? [...form.languages, language] : form.languages.filter((chosen) => chosen !== language) });
  const chosen = tweepLanguages.filter((language) => form.languages.includes(language));
  const symbol = getCurrencySymbol(currency, locale);
  const priceHint = t("priceHint", { currency });

  return (
    <>
      {heading}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <form onSubmit={onSave} noValidate aria-label={tweepId ? t("editTitle") : t("newTitle")} className="space-y-6">
          {tweep ? (
            <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
              <TweepStatusBadge status={status} />
              <span>{types(tweep.type)}</span>
            </div>
          ) : null}
          {status === "published" ? <StatusMessage tone="info">{t("publishedNote")}</StatusMessage> : null}
          {status === "published" && revision?.status === "pending" ? (
            <StatusMessage tone="info">{t("pendingRevisionNote")}</StatusMessage>
          ) : null}
          {status === "published" && revision?.status === "rejected" && revision.rejectionReason ? (
            <p className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-sm break-words whitespace-pre-wrap text-red-800">
              {t("revisionRejectedNote", { reason: revision.rejectionReason })}
            </p>
          ) : null}
          {status === "rejected" || (status === "draft" && tweep?.rejectionReason) ? (
            <p className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-sm break-words whitespace-pre-wrap text-red-800">
              {t("rejectedNote", { reason: tweep?.rejectionReason ?? "" })}
            </p>
          ) : null}
          {status === "pending" ? <StatusMessage tone="info">{t("pendingNote")}</StatusMessage> : null}
          {status === "archived" ? <StatusMessage tone="info">{t("archivedNote")}</StatusMessage> : null}

          <fieldset disabled={!editable || busy !== null} className="space-y-6 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
            {tweep ? null : (
              <SelectField
                label={t("type")}
                hint={t("typeFixed")}
                value={form.type}
                onChange={(event) => update({ type: event.target.value as TweepType })}
              >
                {tweepTypes.map((type) => (
                  <option key={type} value={type}>
                    {types(type)}
                  </option>
                ))}
              </SelectField>
            )}

            <fieldset>
              <legend className="mb-1.5 block text-sm font-medium text-slate-700">{t("languages")}</legend>
              <div className="flex flex-wrap gap-x-6 gap-y-2">
                {tweepLanguages.map((language) => (
                  <label key={language} className="inline-flex min-h-10 items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      checked={form.languages.includes(language)}
                      onChange={(event) => toggleLanguage(language, event.target.checked)}
                      className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
                    />
                    {languageName(language)}
                  </label>
                ))}
              </div>
              <p className="mt-1 text-xs text-slate-500">{t("languagesHint")}</p>
            </fieldset>

            {chosen.map((language) => (
              <div key={language} lang={language} className="space-y-4">
                <FormField
                  label={t("titleIn", { language: languageName(language) })}
                  value={form.title[language]}
                  maxLength={200}
                  required
                  aria-invalid={has((p) => p.field === "title" && p.language === language) || undefined}
                  onChange={(event) => update({ title: { ...form.title, [language]: event.target.value } })}
                />
                <TextAreaField
                  label={t("descriptionIn", { language: languageName(language) })}
                  value={form.description[language]}
                  rows={6}
                  maxLength={5000}
                  required
                  aria-invalid={has((p) => p.field === "description" && p.language === language) || undefined}
                  onChange={(event) => update({ description: { ...form.description, [language]: event.target.value } })}
                />
              </div>
            ))}

            <SelectField
              label={t("category")}
              value={form.category}
              required
              aria-invalid={has((p) => p.field === "category") || undefined}
              onChange={(event) => update({ category: event.target.value })}
            >
              <option value="">{t("chooseCategory")}</option>
              {categories.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name[locale]}
                </option>
              ))}
            </SelectField>

            <FormField
              label={t("region")}
              hint={t("regionHint")}
              maxLength={100}
              autoComplete="off"
              value={form.region}
              className="sm:max-w-md"
              onChange={(event) => update({ region: event.target.value })}
            />

            {form.type === "consultation" ? (
              <div>
                <div className="grid gap-4 sm:grid-cols-2">
                  <FormField
                    label={t("videoPrice")}
                    inputMode="decimal"
                    autoComplete="off"
                    suffix={symbol}
                    value={form.videoPrice}
                    aria-invalid={has((p) => p.field === "videoPrice" || p.field === "consultationPrice") || undefined}
                    onChange={(event) => update({ videoPrice: event.target.value })}
                  />
                  <FormField
                    label={t("textPrice")}
                    inputMode="decimal"
                    autoComplete="off"
                    suffix={symbol}
                    value={form.textPrice}
                    aria-invalid={has((p) => p.field === "textPrice" || p.field === "consultationPrice") || undefined}
                    onChange={(event) => update({ textPrice: event.target.value })}
                  />
                </div>
                <p className="mt-1.5 text-xs text-slate-500">
                  {t("consultationPriceHint")} {priceHint}
                </p>
              </div>
            ) : (
              <FormField
                label={t("price")}
                hint={priceHint}
                inputMode="decimal"
                autoComplete="off"
                required
                suffix={symbol}
                value={form.price}
                className="sm:max-w-xs"
                aria-invalid={has((p) => p.field === "price") || undefined}
                onChange={(event) => update({ price: event.target.value })}
              />
            )}

            {form.type === "files" ? (
              <TextAreaField
                label={t("links")}
                hint={t("linksHint")}
                rows={3}
                inputMode="url"
                placeholder="https://"
                value={form.links}
                aria-invalid={has((p) => p.field === "links") || undefined}
                onChange={(event) => update({ links: event.target.value })}
              />
            ) : null}
          </fieldset>

          {problems.length > 0 ? (
            <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-800">
              <ul className="list-inside list-disc space-y-0.5">
                {problems.map((problem, index) => (
                  <li key={index}>{problemText(problem)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {error ? <AlertMessage message={error} /> : null}
          {notice ? <StatusMessage>{t(notice)}</StatusMessage> : null}

          {editable ? (
            <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
              <SubmitButton
                busy={busy === "save"}
                disabled={busy !== null}
                variant={canSubmit ? "secondary" : "primary"}
                icon={<Save aria-hidden="true" className="size-4" />}
              >
                {t("save")}
              </SubmitButton>
              {canSubmit ? (
                <SubmitButton
                  type="button"
                  busy={busy === "submit"}
                  disabled={busy !== null}
                  onClick={() => void onSubmitForModeration()}
                  icon={<Send aria-hidden="true" className="size-4" />}
                >
                  {t("submit")}
                </SubmitButton>
              ) : null}
              {tweep ? (
                <SubmitButton
                  type="button"
                  variant="secondary"
                  busy={busy === "archive"}
                  disabled={busy !== null}
                  onClick={() => setConfirmArchive(true)}
                  icon={<Archive aria-hidden="true" className="size-4" />}
                  className="sm:ml-auto"
                >
                  {t("archive")}
                </SubmitButton>
              ) : null}
            </div>
          ) : null}
        </form>

        <TweepEditorUploads tweep={tweep} type={form.type} editable={editable} onChange={setTweep} />
      </div>

      <ConfirmDialog
        open={confirmArchive}
        title={t("archiveTitle")}
        text={t("archiveText")}
        confirmLabel={t("archiveConfirm")}
        cancelLabel={t("cancel")}
        onConfirm={() => void onArchive()}
        onCancel={() => setConfirmArchive(false)}
      />
    </>
  );
}
