"use client";

import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { ReviewStars } from "../../components/review-stars.tsx";
import { StatusMessage } from "../../components/status-message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { apiRequest } from "../../lib/api-client.ts";
import { useFailureMessage } from "../../lib/use-failure-message.ts";

export function ReviewForm({ orderId, onReviewed }: { orderId: string; onReviewed: () => void }) {
  const t = useTranslations("review");
  const failureMessage = useFailureMessage();
  const [rating, setRating] = useState<number | null>(null);
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (rating === null) {
      setError(t("chooseRating"));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const text = body.trim();
      await apiRequest(`/orders/${orderId}/review`, { method: "POST", body: text ? { rating, body: text } : { rating } });
      setSent(true);
      onReviewed();
    } catch (caught) {
      setError(failureMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  if (sent) return <StatusMessage>{t("thanks")}</StatusMessage>;

  return (
    <section aria-labelledby="review-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="review-title" className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("lead")}</p>
      <form onSubmit={submit} noValidate aria-labelledby="review-title" className="mt-4 space-y-4">
        <ReviewStars rating={rating} onChange={setRating} />
        <TextAreaField label={t("body")} name="review" maxLength={4000} value={body} onChange={(event) => setBody(event.target.value)} />
        {error ? <AlertMessage message={error} /> : null}
        <SubmitButton busy={busy} className="w-full">
          {t("send")}
        </SubmitButton>
      </form>
    </section>
  );
}
