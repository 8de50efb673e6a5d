"use client";

import { Wallet } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { useSession } from "../../components/session-provider.tsx";
import { StatusMessage } from "../../components/status-message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { TermsConsent } from "../../components/terms-consent.tsx";
import { ApiError } from "../../lib/api-client.ts";
import type { CatalogTweep } from "../../../contract/tweeps.ts";
import { formatMoney } from "../../lib/format-money.ts";
import { OrderError, placeOrder } from "../../lib/place-order.ts";
import { getLoginRedirect } from "../../lib/redirect-to-login.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useIdempotencyKey } from "../../lib/use-idempotency-key.ts";

type Medium = "video" | "text";

/** One way to order: a consultation medium, or the fixed price of work and files. */
type Offer = { key: Medium | "fixed"; medium?: Medium; amountMinor: number };

type Problem = { kind: "shortfall"; shortfallMinor: number } | { kind: "message"; text: string } | { kind: "terms"; offer: Offer };

/**
 * SPEC 3 and 5: "Order" beside each price. Confirming moves the first block (a
 * consultation) or the whole price (work, files) from the balance into the order's hold.
 */
export function TweepOrderPanel({ tweep, currency }: { tweep: CatalogTweep; currency: string }) {
  const t = useTranslations("tweepPage");
  const locale = useLocale();
  const router = useRouter();
  const describeError = useErrorMessage();
  const { session } = useSession();
  const { keyFor, reset } = useIdempotencyKey();
  const baseId = useId();
  const [pending, setPending] = useState<Offer | null>(null);
  const [busy, setBusy] = useState<Offer["key"] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  // An anonymous visitor pressing Order is asked to log in or sign up (and come back here)
  // instead of being shown a payment they cannot make.
  const [askLogin, setAskLogin] = useState(false);
  const here = `/tweeps/${encodeURIComponent(tweep.id)}`;

  const money = (amountMinor: number) => formatMoney(amountMinor, currency, locale);
  const offers: Offer[] = [];
  if (tweep.type === "consultation") {
    if (tweep.videoPriceMinor != null) offers.push({ key: "video", medium: "video", amountMinor: tweep.videoPriceMinor });
    if (tweep.textPriceMinor != null) offers.push({ key: "text", medium: "text", amountMinor: tweep.textPriceMinor });
  } else if (tweep.priceMinor != null) {
    offers.push({ key: "fixed", amountMinor: tweep.priceMinor });
  }
  const own = session.status === "authenticated" && session.user.id === tweep.providerId;

  const order = async (offer: Offer) => {
    setPending(null);
    setBusy(offer.key);
    setProblem(null);
    const intent = `${tweep.id}:${offer.key}`;
    try {
      const placed = await placeOrder({ tweepId: tweep.id, ...(offer.medium ? { medium: offer.medium } : {}) }, keyFor(intent));
      reset();
      router.push(`/orders/${encodeURIComponent(placed.id)}`);
      return;
    } catch (error) {
      const login = getLoginRedirect(error);
      if (login) {
        router.push(login);
        return;
      }
      // A refusal is final, so the next try is a new intent; a lost answer keeps the key.
      if (error instanceof ApiError && error.status >= 400) reset();
      if (error instanceof OrderError && error.code === "terms_consent_required") {
        // SPEC 16: the consent step, then the same order again.
        setProblem({ kind: "terms", offer });
      } else if (error instanceof OrderError && error.code === "insufficient_funds" && error.shortfallMinor !== null) {
        setProblem({ kind: "shortfall", shortfallMinor: error.shortfallMinor });
      } else if (error instanceof OrderError && error.isOwnTweep) {
        setProblem({ kind: "message", text: t("ownTweepError") });
      } else if (error instanceof OrderError && (error.code === "invalid_state" || error.status === 404)) {
        setProblem({ kind: "message", text: t("notOrderable") });
      } else {
        setProblem({ kind: "message", text: describeError(error) });
      }
    }
    setBusy(null);
  };

  const confirmText = (offer: Offer) => {
    const amount = money(offer.amountMinor);
    if (offer.medium) return t("confirmConsultation", { amount, medium: offer.medium });
    return tweep.type === "files" ? t("confirmFiles", { amount }) : t("confirmWork", { amount });
  };

  const labelOf = (offer: Offer) => (offer.key === "video" ? t("videoChat") : offer.key === "text" ? t("textChat") : t("price"));
  const priceOf = (offer: Offer) => (offer.medium ? t("perBlock", { price: money(offer.amountMinor) }) : money(offer.amountMinor));

  return (
    <section aria-labelledby={`${baseId}-title`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={`${baseId}-title`} className="text-sm font-medium text-slate-500">
        {t("prices")}
      </h2>

      {offers.length === 0 ? <p className="mt-2 text-sm text-slate-600">{t("noPrice")}</p> : null}

      <ul className="mt-2 divide-y divide-slate-100">
        {offers.map((offer) => {
          const labelId = `${baseId}-${offer.key}-label`;
          const priceId = `${baseId}-${offer.key}-price`;
          return (
            <li key={offer.key}>
              <div role="group" aria-labelledby={labelId} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <p id={labelId} className="text-sm text-slate-600">
                    {labelOf(offer)}
                  </p>
                  <p id={priceId} className="text-lg font-semibold text-slate-900 tabular-nums">
                    {priceOf(offer)}
                  </p>
                </div>
                {own ? null : (
                  <SubmitButton
                    type="button"
                    aria-describedby={priceId}
                    busy={busy === offer.key}
                    disabled={busy !== null}
                    onClick={() => {
                      setProblem(null);
                      if (session.status === "anonymous") setAskLogin(true);
                      else setPending(offer);
                    }}
                  >
                    {t("order")}
                  </SubmitButton>
                )}
              </div>
            </li>
          );
        })}
      </ul>

      <div aria-live="polite" className="empty:hidden">
        {busy ? <p className="sr-only">{t("ordering")}</p> : null}
      </div>

      {own ? <StatusMessage tone="info">{t("ownTweep")}</StatusMessage> : null}
      {session.status === "anonymous" && offers.length > 0 && !askLogin ? <p className="mt-1 text-xs text-slate-500">{t("loginHint")}</p> : null}
      {session.status === "anonymous" && askLogin ? (
        <div role="status" className="mt-3 space-y-3 rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-3 text-sm text-indigo-950">
          <p>{t("loginFirst")}</p>
          <div className="flex flex-wrap gap-2">
            <Link
              href={`/login?next=${encodeURIComponent(here)}`}
              className="inline-flex min-h-10 items-center rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white shadow-sm hover:bg-indigo-700"
            >
              {t("loginFirstLogIn")}
            </Link>
            <Link
              href={`/signup?next=${encodeURIComponent(here)}`}
              className="inline-flex min-h-10 items-center rounded-lg border border-indigo-300 bg-white px-4 py-2 font-semibold text-indigo-700 hover:bg-indigo-100"
            >
              {t("loginFirstSignUp")}
            </Link>
          </div>
        </div>
      ) : null}

      {problem?.kind === "terms" ? (
        <TermsConsent
          providerId={tweep.providerId}
          onConsented={() => {
            const { offer } = problem;
            setProblem(null);
            void order(offer);
          }}
        />
      ) : null}
      {problem?.kind === "message" ? (
        <div className="mt-3">
          <AlertMessage message={problem.text} />
        </div>
      ) : null}
      {problem?.kind === "shortfall" ? (
        <div role="alert" className="mt-3 space-y-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-3 text-sm text-amber-900">
          <p>{t("shortfall", { amount: money(problem.shortfallMinor) })}</p>
          <Link
            href={`/finances?topUp=${problem.shortfallMinor}&return=${encodeURIComponent(`/tweeps/${tweep.id}`)}`}
            className="inline-flex min-h-10 items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700"
          >
            <Wallet aria-hidden="true" className="size-4" />
            {t("topUp", { amount: money(problem.shortfallMinor) })}
          </Link>
        </div>
      ) : null}

      <ConfirmDialog
        open={pending !== null}
        title={t("confirmTitle")}
        text={pending ? confirmText(pending) : ""}
        confirmLabel={t("confirm")}
        cancelLabel={t("cancel")}
        onConfirm={() => {
          if (pending) void order(pending);
        }}
        onCancel={() => setPending(null)}
      />
    </section>
  );
}
