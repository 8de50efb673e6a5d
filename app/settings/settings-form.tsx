"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { FormEvent } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { FormField } from "../components/form-field.tsx";
import { LoadingPanel } from "../components/loading-panel.tsx";
import { PageHeading } from "../components/page-heading.tsx";
import { SelectField } from "../components/select-field.tsx";
import { useSession } from "../components/session-provider.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { TimeZoneField } from "../components/time-zone-field.tsx";
import { apiRequest } from "../lib/api-client.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import type { User } from "../../contract/accounts.ts";
import { isLocale, locales } from "../lib/locale.ts";
import type { Locale } from "../lib/locale.ts";
import { writeLocaleCookie } from "../lib/locale-cookie.ts";
import { getDeviceTimeZone, listTimeZones } from "../lib/time-zones.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useFailureMessage } from "../lib/use-failure-message.ts";

type Draft = { name: string; email: string; timeZone: string; language: Locale };

function toDraft(user: User, fallbackLanguage: Locale): Draft {
  return {
    name: user.name ?? "",
    email: user.email ?? "",
    timeZone: user.timeZone ?? "",
    language: isLocale(user.language) ? user.language : fallbackLanguage,
  };
}

/** Only the fields the person changed are sent; an emptied e-mail clears it. */
function getChanges(saved: Draft, draft: Draft): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  if (draft.name.trim() !== saved.name) changes.name = draft.name.trim();
  if (draft.email.trim() !== saved.email) changes.email = draft.email.trim() || null;
  if (draft.timeZone !== saved.timeZone && draft.timeZone !== "") changes.timeZone = draft.timeZone;
  if (draft.language !== saved.language) changes.language = draft.language;
  return changes;
}

export function SettingsForm() {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const describeError = useErrorMessage();
  const failureMessage = useFailureMessage();
  const { setUser } = useSession();

  const [user, setLoadedUser] = useState<User | null>(null);
  // null until the person edits something: the form then shows the saved values.
  const [edits, setEdits] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<"saved" | "nothingChanged" | null>(null);

  const loadError = useApiLoad<{ user: User }>("/me", ({ user: loaded }) => setLoadedUser(loaded));

  const timeZoneGroups = useMemo(() => (user ? listTimeZones([user.timeZone ?? ""], new Date(), locale) : []), [user, locale]);
  const deviceTimeZone = useMemo(() => (user ? getDeviceTimeZone() : undefined), [user]);

  if (loadError) {
    return (
      <>
        <PageHeading title={t("settings.title")} />
        <AlertMessage message={`${t("settings.loadError")} ${describeError(loadError)}`} />
      </>
    );
  }
  if (!user) {
    return (
      <>
        <PageHeading title={t("settings.title")} />
        <LoadingPanel />
      </>
    );
  }

  const saved = toDraft(user, locale);
  const draft = edits ?? saved;

  function update(patch: Partial<Draft>) {
    setEdits({ ...draft, ...patch });
    setNotice(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = getChanges(saved, draft);
    // A quick check for the common typo; the server validates the address properly.
    if (typeof changes.email === "string" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(changes.email)) {
      setError(t("settings.emailInvalid"));
      setNotice(null);
      return;
    }
    if (Object.keys(changes).length === 0) {
      setNotice("nothingChanged");
      return;
    }
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      const { user: updated } = await apiRequest<{ user: User }>("/me", { method: "PATCH", body: changes });
      setLoadedUser(updated);
      setEdits(null);
      setUser(updated);
      setNotice("saved");
      if (changes.language && isLocale(changes.language)) {
        writeLocaleCookie(changes.language);
        router.refresh();
      }
    } catch (caught) {
      setError(failureMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeading title={t("settings.title")} lead={t("settings.lead")} />
      <form
        onSubmit={submit}
        noValidate
        className="max-w-2xl space-y-6 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
      >
        <FormField label={t("settings.phone")} value={user.phone} readOnly className="max-w-xs" />
        <div className="grid gap-6 sm:grid-cols-2">
          <FormField
            label={t("settings.name")}
            hint={t("settings.nameHint")}
            name="name"
            autoComplete="name"
            maxLength={120}
            value={draft.name}
            onChange={(event) => update({ name: event.target.value })}
          />
          <FormField
            label={t("settings.email")}
            hint={t("settings.emailHint")}
            type="email"
            name="email"
            autoComplete="email"
            maxLength={254}
            value={draft.email}
            onChange={(event) => update({ email: event.target.value })}
          />
        </div>
        <TimeZoneField
          label={t("settings.timeZone")}
          value={draft.timeZone}
          groups={timeZoneGroups}
          placeholder={t("settings.timeZoneChoose")}
          onChange={(zoneId) => update({ timeZone: zoneId })}
          hint={
            <>
              <p>{t("settings.timeZoneHint")}</p>
              {deviceTimeZone && draft.timeZone !== deviceTimeZone ? (
                <button
                  type="button"
                  onClick={() => update({ timeZone: deviceTimeZone })}
                  className="mt-1.5 font-medium break-words text-indigo-700 hover:underline"
                >
                  {t("settings.useDeviceZone", { zone: deviceTimeZone })}
                </button>
              ) : null}
            </>
          }
        />
        {user.timeZone === null && draft.timeZone === "" ? (
          <p className="-mt-3 text-sm font-medium text-amber-700">{t("settings.timeZoneMissing")}</p>
        ) : null}
        <SelectField
          label={t("settings.language")}
          hint={t("settings.languageHint")}
          name="language"
          value={draft.language}
          onChange={(event) => {
            if (isLocale(event.target.value)) update({ language: event.target.value });
          }}
          className="max-w-xs"
        >
          {locales.map((option) => (
            <option key={option} value={option} lang={option}>
              {t(`languages.${option}`)}
            </option>
          ))}
        </SelectField>

        {error ? <AlertMessage message={error} /> : null}
        <div className="flex flex-wrap items-center gap-4 border-t border-slate-100 pt-6">
          <SubmitButton busy={busy}>{t("settings.save")}</SubmitButton>
          {notice ? (
            <StatusMessage tone={notice === "saved" ? "success" : "info"}>
              {notice === "saved" ? t("settings.saved") : t("settings.nothingChanged")}
            </StatusMessage>
          ) : null}
        </div>
      </form>
    </>
  );
}
