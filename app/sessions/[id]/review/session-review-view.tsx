"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../../../components/alert-message.tsx";
import { LoadingPanel } from "../../../components/loading-panel.tsx";
import { PageHeading } from "../../../components/page-heading.tsx";
import { RatingStars, ReviewStars } from "../../../components/review-stars.tsx";
import { SubmitButton } from "../../../components/submit-button.tsx";
import { TextAreaField } from "../../../components/text-area-field.tsx";
import { apiRequest } from "../../../lib/api-client.ts";
import { formatDateTime } from "../../../lib/format-date-time.ts";
import type { SessionReview, SessionReviews } from "../../../../contract/reviews.ts";
import { useApiLoad } from "../../../lib/use-api-load.ts";
import { useErrorMessage } from "../../../lib/use-error-message.ts";
import { useViewerTimeZone } from "../../../lib/use-order-helpers.ts";

/**
 * SPEC 18: a session's reviews, double-blind. Each party writes one (1–5 and a text) within
 * 7 days of the end; the other's shows once both are written or the 7 days are over.
 */
export function SessionReviewView({ sessionId }: { sessionId: string }) {
  const t = useTranslations("sessionReview");
  const locale = useLocale();
  const timeZone = useViewerTimeZone();
  const describeError = useErrorMessage();
  const [view, setView] = useState<SessionReviews | null>(null);
  const [rating, setRating] = useState<number | null>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const loadError = useApiLoad<SessionReviews>(`/sessions/${encodeURIComponent(sessionId)}/reviews`, setView);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (rating === null) return setProblem(t("chooseRating"));
    if (text.trim() === "") return setProblem(t("writeText"));
    setProblem(null);
    setBusy(true);
    try {
      setView(await apiRequest<SessionReviews>(`/sessions/${sessionId}/reviews`, { body: { rating, text: text.trim() } }));
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  if (!view) {
    return (
      <>
        <PageHeading title={t("title")} />
        {loadError ? <AlertMessage message={describeError(loadError)} /> : <LoadingPanel />}
      </>
    );
  }

  const role = view.role;
  const until = view.reviewUntil ? formatDateTime(view.reviewUntil, locale, timeZone) : null;
  const card = "rounded-2xl border border-slate-200 bg-white p-6 shadow-sm";
  return (
    <>
      <Link href={`/orders/${view.orderId}`} className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("backToOrder")}
      </Link>
      <PageHeading title={t("title")} lead={t("lead", { role })} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <section aria-labelledby="my-review" className={card}>
          <h2 id="my-review" className="text-lg font-semibold text-slate-900">
            {t("yours", { role })}
          </h2>
          {view.mine ? (
            <>
              <ReviewBody review={view.mine} />
              <p className="mt-3 text-sm text-slate-600">{view.mineShown ? t("mineShown", { role }) : t("mineHidden", { role, until: until ?? "" })}</p>
            </>
          ) : view.canReview ? (
            <form onSubmit={(event) => void submit(event)} noValidate className="mt-4 space-y-4">
              <p className="text-sm text-slate-600">{t("formLead", { role, until: until ?? "" })}</p>
              <ReviewStars rating={rating} onChange={setRating} />
              <TextAreaField label={t("text")} name="text" maxLength={4000} required value={text} onChange={(event) => setText(event.target.value)} />
              {problem ? <AlertMessage message={problem} /> : null}
              <SubmitButton busy={busy} className="w-full">
                {t("send")}
              </SubmitButton>
            </form>
          ) : (
            <p className="mt-2 text-sm text-slate-600">{view.reviewable ? t("windowClosed") : t("notReviewable")}</p>
          )}
        </section>
        <section aria-labelledby="their-review" className={card}>
          <h2 id="their-review" className="text-lg font-semibold text-slate-900">
            {t("theirs", { role })}
          </h2>
          {view.theirs ? (
            <ReviewBody review={view.theirs} />
          ) : (
            <p className="mt-2 text-sm text-slate-600">
              {view.theirsWritten ? t("theirsHidden", { role, until: until ?? "" }) : t("theirsNone", { role })}
            </p>
          )}
        </section>
      </div>
    </>
  );
}

function ReviewBody({ review }: { review: SessionReview }) {
  return (
    <div className="mt-3">
      <RatingStars rating={review.rating} />
      <p className="mt-2 text-sm break-words whitespace-pre-wrap text-slate-800">{review.text}</p>
    </div>
  );
}
