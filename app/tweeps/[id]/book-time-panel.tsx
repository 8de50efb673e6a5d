"use client";

import { ChevronLeft, ChevronRight, Wallet } from "lucide-react";
import Link from "next/link";
import { useEffect, useId, useMemo, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { useSession } from "../../components/session-provider.tsx";
import { StatusMessage } from "../../components/status-message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { TermsConsent } from "../../components/terms-consent.tsx";
import { ApiError, apiRequest } from "../../lib/api-client.ts";
import { formatMoney } from "../../lib/format-money.ts";
import { getLoginRedirect } from "../../lib/redirect-to-login.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useIdempotencyKey } from "../../lib/use-idempotency-key.ts";
import { useRouter } from "next/navigation";
import type { Slot, SlotsBody } from "../../../contract/appointments.ts";
import type { CatalogTweep } from "../../../contract/tweeps.ts";

const DAY_MS = 86_400_000;
type Problem = { kind: "terms" } | { kind: "shortfall"; shortfallMinor: number } | { kind: "message"; text: string };

/**
 * "Book a time" (SPEC 16): a week of free start times in the viewer's zone, lengths of 1 to
 * 8 blocks with the price, the consent step when the provider's terms ask for it, and the
 * booking itself (the price moves into the appointment's hold).
 */
export function BookTimePanel({ tweep, currency }: { tweep: CatalogTweep; currency: string }) {
  const t = useTranslations("appointments");
  const locale = useLocale();
  const router = useRouter();
  const describeError = useErrorMessage();
  const { session } = useSession();
  const { keyFor, reset } = useIdempotencyKey();
  const baseId = useId();
  const media = (["video", "text"] as const).filter((medium) => (medium === "video" ? tweep.videoPriceMinor : tweep.textPriceMinor) != null);
  const [medium, setMedium] = useState<"video" | "text">(media[0] ?? "video");
  const [blocks, setBlocks] = useState(1);
  const [weekStart, setWeekStart] = useState(() => Date.now());
  const [loaded, setLoaded] = useState<{ path: string; body: SlotsBody } | null>(null);
  const [chosen, setChosen] = useState<Slot | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [booked, setBooked] = useState(false);
  const [version, setVersion] = useState(0);

  const blockPrice = (medium === "video" ? tweep.videoPriceMinor : tweep.textPriceMinor) ?? 0;
  const price = blockPrice * blocks;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const own = session.status === "authenticated" && session.user.id === tweep.providerId;

  const from = new Date(weekStart).toISOString();
  const to = new Date(weekStart + 7 * DAY_MS).toISOString();
  const path = `/providers/${encodeURIComponent(tweep.providerId)}/slots?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&blocks=${blocks}`;
  useEffect(() => {
    const controller = new AbortController();
    apiRequest<SlotsBody>(path, { signal: controller.signal })
      .then((body) => setLoaded({ path, body }))
      .catch(() => undefined);
    return () => controller.abort();
  }, [path, version]);
  // The week and length shown are the ones asked for: an answer for another is not shown.
  const data = loaded?.path === path ? loaded.body : null;

  // Days of the week in the viewer's zone, each with its free times.
  const days = useMemo(() => {
    const byDay = new Map<string, Slot[]>();
    for (const slot of data?.slots ?? []) {
      const day = slot.local.slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), slot]);
    }
    return [...byDay.entries()];
  }, [data]);

  if (media.length === 0 || own) return null;
  const dayLabel = (day: string) => new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
  // One decimal: short test blocks (seconds) still read as a length.
  const minutesOf = (count: number) => Math.round((count * (data?.blockSeconds ?? 900)) / 6) / 10;

  async function book() {
    if (!chosen) return;
    if (session.status !== "authenticated") {
      router.push(`/login?next=${encodeURIComponent(`/tweeps/${tweep.id}#book-a-time`)}`);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await apiRequest(`/appointments`, {
        method: "POST",
        body: { tweepId: tweep.id, medium, startsAt: chosen.startsAt, blocks },
        idempotencyKey: keyFor(`${tweep.id}:${medium}:${chosen.startsAt}:${blocks}`),
      });
      reset();
      setBooked(true);
      setChosen(null);
      setVersion((value) => value + 1);
    } catch (error) {
      const login = getLoginRedirect(error);
      if (login) {
        router.push(login);
        return;
      }
      if (error instanceof ApiError && error.status >= 400) reset();
      const shortfall = error instanceof ApiError ? error.details?.shortfallMinor : undefined;
      if (error instanceof ApiError && error.code === "terms_consent_required") setProblem({ kind: "terms" });
      else if (error instanceof ApiError && error.code === "insufficient_funds" && typeof shortfall === "number") setProblem({ kind: "shortfall", shortfallMinor: shortfall });
      else setProblem({ kind: "message", text: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section id="book-a-time" aria-labelledby={`${baseId}-title`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={`${baseId}-title`} className="text-lg font-semibold text-slate-900">
        {t("bookTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("bookLead", { zone: data?.timeZone ?? "…" })}</p>
      <div className="mt-3 flex flex-wrap gap-3">
        <label className="text-sm">
          <span className="block text-slate-600">{t("length")}</span>
          <select value={blocks} onChange={(event) => { setBlocks(Number(event.target.value)); setChosen(null); }} className="mt-1 min-h-10 rounded-lg border border-slate-300 bg-white px-2">
            {[1, 2, 3, 4, 5, 6, 7, 8].map((count) => (
              <option key={count} value={count}>
                {t("lengthOption", { count, minutes: minutesOf(count) })}
              </option>
            ))}
          </select>
        </label>
        {media.length > 1 ? (
          <label className="text-sm">
            <span className="block text-slate-600">{t("medium")}</span>
            <select value={medium} onChange={(event) => setMedium(event.target.value as "video" | "text")} className="mt-1 min-h-10 rounded-lg border border-slate-300 bg-white px-2">
              {media.map((value) => (
                <option key={value} value={value}>
                  {t(value)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <p className="self-end text-sm font-semibold text-slate-900 tabular-nums">
          {t("price")}: {money(price)}
        </p>
      </div>

      <div className="mt-3 flex items-center gap-2">
        <button type="button" onClick={() => setWeekStart((value) => Math.max(Date.now(), value - 7 * DAY_MS))} className="inline-flex min-h-10 items-center rounded-lg border border-slate-300 px-2" aria-label={t("previousWeek")}>
          <ChevronLeft aria-hidden="true" className="size-4" />
        </button>
        <button type="button" onClick={() => setWeekStart((value) => value + 7 * DAY_MS)} className="inline-flex min-h-10 items-center rounded-lg border border-slate-300 px-2" aria-label={t("nextWeek")}>
          <ChevronRight aria-hidden="true" className="size-4" />
        </button>
      </div>

      {!data ? <p className="mt-3 text-sm text-slate-500">{t("slotsLoading")}</p> : null}
      {data && days.length === 0 ? <p className="mt-3 text-sm text-slate-600">{t("noSlots")}</p> : null}
      {days.length > 0 ? (
        <div className="mt-3 grid max-h-80 grid-cols-2 gap-3 overflow-y-auto sm:grid-cols-4">
          {days.map(([day, slots]) => (
            <div key={day} role="group" aria-label={dayLabel(day)}>
              <p className="text-xs font-semibold text-slate-500">{dayLabel(day)}</p>
              <ul className="mt-1 space-y-1">
                {slots.map((slot) => (
                  <li key={slot.startsAt}>
                    <button
                      type="button"
                      data-testid="slot"
                      aria-pressed={chosen?.startsAt === slot.startsAt}
                      onClick={() => { setChosen(slot); setProblem(null); setBooked(false); }}
                      className={`w-full rounded-md px-2 py-1 text-sm tabular-nums ${chosen?.startsAt === slot.startsAt ? "bg-indigo-600 text-white" : "border border-slate-200 hover:bg-indigo-50"}`}
                    >
                      {slot.local.slice(11, 16)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ) : null}

      {chosen ? (
        <div className="mt-3 space-y-2">
          <p className="text-sm text-slate-700">{t("chosen", { when: `${dayLabel(chosen.local.slice(0, 10))} ${chosen.local.slice(11, 16)}`, price: money(price) })}</p>
          <SubmitButton type="button" busy={busy} onClick={() => void book()}>
            {t("book", { amount: money(price) })}
          </SubmitButton>
        </div>
      ) : null}
      {booked ? (
        <div className="mt-3 space-y-2">
          <StatusMessage>{t("booked")}</StatusMessage>
          <Link href="/appointments" className="text-sm font-semibold text-indigo-700 hover:underline">
            {t("openAppointments")}
          </Link>
        </div>
      ) : null}
      {problem?.kind === "terms" ? <TermsConsent providerId={tweep.providerId} onConsented={() => { setProblem(null); void book(); }} /> : null}
      {problem?.kind === "message" ? <div className="mt-3"><AlertMessage message={problem.text} /></div> : null}
      {problem?.kind === "shortfall" ? (
        <div role="alert" className="mt-3 space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p>{t("shortfall", { amount: money(problem.shortfallMinor) })}</p>
          <Link href={`/finances?topUp=${problem.shortfallMinor}&return=${encodeURIComponent(`/tweeps/${tweep.id}#book-a-time`)}`} className="inline-flex min-h-10 items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white">
            <Wallet aria-hidden="true" className="size-4" />
            {t("topUp", { amount: money(problem.shortfallMinor) })}
          </Link>
        </div>
      ) : null}
    </section>
  );
}
