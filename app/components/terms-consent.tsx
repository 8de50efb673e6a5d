"use client";

import { useEffect, useId, useState } from "react";
import { useTranslations } from "use-intl";
import { apiRequest } from "../lib/api-client.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import type { TermsView } from "../../contract/appointments.ts";
import { AlertMessage } from "./alert-message.tsx";
import { SubmitButton } from "./submit-button.tsx";

/**
 * SPEC 16 "Terms": the consent step of the order and booking dialogs. Shows the provider's
 * current terms and records the customer's consent to exactly the version shown.
 */
export function TermsConsent({ providerId, onConsented }: { providerId: string; onConsented: () => void }) {
  const t = useTranslations("appointments");
  const describeError = useErrorMessage();
  const headingId = useId();
  const [terms, setTerms] = useState<TermsView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    apiRequest<{ terms: TermsView }>(`/providers/${encodeURIComponent(providerId)}/terms`, { signal: controller.signal })
      .then((data) => setTerms(data.terms))
      .catch(() => undefined);
    return () => controller.abort();
  }, [providerId]);

  if (!terms || terms.version === null) return null;
  const version = terms.version;

  async function agree() {
    setBusy(true);
    setError(null);
    try {
      await apiRequest(`/providers/${encodeURIComponent(providerId)}/terms/consent`, { method: "POST", body: { version } });
      onConsented();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="mt-3 space-y-3 rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm text-slate-900">
      <h3 id={headingId} className="font-semibold">
        {t("termsTitle")} · {t("termsVersion", { version })}
      </h3>
      <p>{t("termsNeeded")}</p>
      <div className="max-h-48 overflow-y-auto rounded border border-slate-200 bg-white p-2 whitespace-pre-wrap" tabIndex={0} aria-label={t("termsTitle")}>
        {terms.text}
      </div>
      {error ? <AlertMessage message={error} /> : null}
      <SubmitButton type="button" busy={busy} onClick={() => void agree()}>
        {t("termsAgree")}
      </SubmitButton>
    </section>
  );
}
