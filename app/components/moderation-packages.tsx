"use client";

import { useCallback, useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { apiRequest } from "../lib/api-client.ts";
import { formatMoney } from "../lib/format-money.ts";
import { pickLocalized } from "../lib/pick-localized.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import type { PendingPackage } from "../../contract/packages.ts";
import { AlertMessage } from "./alert-message.tsx";
import { useSession } from "./session-provider.tsx";

/** SPEC 18: minute packages wait for moderation like tweeps; approve, or reject with a reason. */
export function ModerationPackages() {
  const t = useTranslations("packages");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const { session } = useSession();
  const [items, setItems] = useState<PendingPackage[]>([]);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const currency = session.status === "authenticated" ? session.currency : null;

  const reload = useCallback(() => {
    apiRequest<{ items: PendingPackage[] }>("/moderation/packages")
      .then((loaded) => setItems(loaded.items))
      .catch((error: unknown) => setProblem(describeError(error)));
  }, [describeError]);
  useEffect(reload, [reload]);

  async function decide(id: string, decision: "approve" | "reject") {
    setProblem(null);
    try {
      await apiRequest(`/moderation/packages/${id}`, { body: decision === "approve" ? { decision } : { decision, reason: reasons[id] ?? "" } });
      reload();
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  if (items.length === 0 && !problem) return null;
  return (
    <section aria-labelledby="moderation-packages-heading" className="mt-8">
      <h2 id="moderation-packages-heading" className="mb-3 text-lg font-semibold text-slate-900">
        {t("moderationHeading")}
      </h2>
      {problem ? <AlertMessage message={problem} /> : null}
      <ul className="space-y-3">
        {items.map((item) => (
          <li key={item.id} className="rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
            <p className="font-medium text-slate-900">{pickLocalized(item.tweepTitle, locale === "ru" ? "ru" : "en")?.value ?? "—"}</p>
            <p className="text-slate-700">
              {t("offer", { minutes: item.minutes, price: currency ? formatMoney(item.priceMinor, currency, locale) : String(item.priceMinor), days: item.validityDays })}
            </p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <button type="button" onClick={() => void decide(item.id, "approve")} className="rounded-lg bg-indigo-600 px-3 py-1.5 font-semibold text-white hover:bg-indigo-700">
                {t("approve")}
              </button>
              <input
                aria-label={t("reason")}
                value={reasons[item.id] ?? ""}
                onChange={(event) => setReasons({ ...reasons, [item.id]: event.target.value })}
                className="min-w-48 flex-1 rounded-lg border border-slate-300 px-2 py-1.5"
              />
              <button
                type="button"
                disabled={!(reasons[item.id] ?? "").trim()}
                onClick={() => void decide(item.id, "reject")}
                className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-semibold text-slate-800 hover:bg-slate-50 disabled:text-slate-400"
              >
                {t("reject")}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
