"use client";

import { useEffect, useId, useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { useSession } from "../components/session-provider.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { apiRequest } from "../lib/api-client.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import type { TermsView } from "../../contract/appointments.ts";

/** SPEC 16: the provider's terms of service; each publication is a new version customers accept again. */
export function TermsEditor() {
  const t = useTranslations("appointments");
  const describeError = useErrorMessage();
  const { session } = useSession();
  const fieldId = useId();
  const [terms, setTerms] = useState<TermsView | null>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const userId = session.status === "authenticated" ? session.user.id : null;

  useEffect(() => {
    if (!userId) return;
    const controller = new AbortController();
    apiRequest<{ terms: TermsView }>(`/providers/${userId}/terms`, { signal: controller.signal })
      .then((data) => {
        setTerms(data.terms);
        // What the provider began typing before the load answered is kept.
        setText((typed) => typed || (data.terms.text ?? ""));
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [userId]);

  async function publish(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const data = await apiRequest<{ terms: TermsView }>("/me/terms", { method: "PUT", body: { text } });
      setTerms(data.terms);
      setSaved(data.terms.version);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section id="terms" aria-labelledby={`${fieldId}-title`} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={`${fieldId}-title`} className="text-lg font-semibold text-slate-900">
        {t("termsEditorTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("termsEditorLead")}</p>
      <p className="mt-1 text-sm text-slate-600">{terms?.version ? t("termsVersion", { version: terms.version }) : t("termsNone")}</p>
      <form className="mt-3 space-y-2" onSubmit={(event) => void publish(event)}>
        <label htmlFor={fieldId} className="block text-sm font-medium text-slate-700">
          {t("termsText")}
        </label>
        <textarea id={fieldId} required maxLength={20000} rows={6} value={text} onChange={(event) => setText(event.target.value)} className="w-full rounded-lg border border-slate-300 p-2 text-sm" />
        <SubmitButton busy={busy}>{t("termsPublish")}</SubmitButton>
      </form>
      {saved ? <StatusMessage>{t("termsPublished", { version: saved })}</StatusMessage> : null}
      {error ? <AlertMessage message={error} /> : null}
    </section>
  );
}
