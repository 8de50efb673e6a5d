"use client";

import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { apiRequest } from "../lib/api-client.ts";
import { formatMoney, getCurrencyFractionDigits } from "../lib/format-money.ts";
import { parseMoneyInput } from "../lib/parse-money-input.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import type { PackageOffer } from "../../contract/packages.ts";
import { AlertMessage } from "./alert-message.tsx";
import { FormField } from "./form-field.tsx";
import { useSession } from "./session-provider.tsx";
import { SubmitButton } from "./submit-button.tsx";

/**
 * SPEC 18 for the provider: the minute packages offered on a consultation tweep, each with
 * its moderation status, and a form to offer another (minutes, price, validity in days).
 */
export function TweepPackagesEditor({ tweepId }: { tweepId: string }) {
  const t = useTranslations("packages");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const { session } = useSession();
  const currency = session.status === "authenticated" ? session.currency : null;
  const [items, setItems] = useState<PackageOffer[] | null>(null);
  const [consultation, setConsultation] = useState(false);
  const [minutes, setMinutes] = useState("60");
  const [price, setPrice] = useState("");
  const [days, setDays] = useState("30");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const reload = useCallback(() => {
    apiRequest<{ items: PackageOffer[] }>(`/tweeps/${encodeURIComponent(tweepId)}/packages`)
      .then((loaded) => setItems(loaded.items))
      .catch(() => setItems(null));
  }, [tweepId]);
  useEffect(() => {
    apiRequest<{ tweep: { type: string } }>(`/tweeps/${encodeURIComponent(tweepId)}`)
      .then((loaded) => setConsultation(loaded.tweep.type === "consultation"))
      .catch(() => setConsultation(false));
    reload();
  }, [tweepId, reload]);

  if (!consultation || items === null) return null;

  async function offer(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const parsed = parseMoneyInput(price, currency ? getCurrencyFractionDigits(currency) : 2);
    if (!parsed.ok) {
      setProblem(t("priceInvalid"));
      return;
    }
    setBusy(true);
    try {
      await apiRequest(`/tweeps/${encodeURIComponent(tweepId)}/packages`, {
        body: { minutes: Number(minutes), priceMinor: parsed.amountMinor, validityDays: Number(days) },
      });
      setPrice("");
      reload();
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="tweep-packages-heading" className="mx-auto mt-8 max-w-3xl rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="tweep-packages-heading" className="text-base font-semibold text-slate-900">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("providerIntro")}</p>
      {items.length > 0 ? (
        <ul className="mt-3 divide-y divide-slate-100 text-sm">
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap justify-between gap-2 py-1.5">
              <span>{t("offer", { minutes: item.minutes, price: currency ? formatMoney(item.priceMinor, currency, locale) : String(item.priceMinor), days: item.validityDays })}</span>
              <span className="text-slate-600">
                {t(`offerStatus.${item.status}`)}
                {item.rejectionReason ? ` — ${item.rejectionReason}` : ""}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={(event) => void offer(event)} className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-3">
        <FormField label={t("minutes")} type="number" min={1} max={10000} required value={minutes} onChange={(event) => setMinutes(event.target.value)} />
        <FormField label={t("price")} inputMode="decimal" required value={price} onChange={(event) => setPrice(event.target.value)} />
        <FormField label={t("validityDays")} type="number" min={1} max={365} required value={days} onChange={(event) => setDays(event.target.value)} />
        <div className="sm:col-span-3">
          {problem ? <AlertMessage message={problem} /> : null}
          <SubmitButton busy={busy} className="mt-2">
            {t("offerButton")}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
