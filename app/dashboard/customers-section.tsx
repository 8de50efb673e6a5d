"use client";

import { useMemo, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { useSession } from "../components/session-provider.tsx";
import { formatMoney } from "../lib/format-money.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import type { Consultation } from "../../contract/queue.ts";

/** Per-customer history (SPEC 15): sessions, total duration and amount, from `/me/consultations`. */
export function CustomersSection() {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const { session, walletVersion } = useSession();
  const currency = session.status === "authenticated" ? session.currency : null;
  const [consultations, setConsultations] = useState<Consultation[] | null>(null);
  useApiLoad<{ consultations: Consultation[] }>("/me/consultations?as=provider", (data) => setConsultations(data.consultations), walletVersion);
  const customers = useMemo(() => {
    const byCustomer = new Map<string, { name: string; sessions: number; seconds: number; netMinor: number }>();
    for (const c of consultations ?? []) {
      const row = byCustomer.get(c.customerId) ?? { name: c.customerName, sessions: 0, seconds: 0, netMinor: 0 };
      row.sessions += 1;
      row.seconds += c.durationSeconds;
      row.netMinor += c.netMinor;
      byCustomer.set(c.customerId, row);
    }
    return [...byCustomer.entries()];
  }, [consultations]);

  return (
    <section aria-labelledby="customers-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="customers-heading" className="text-lg font-semibold text-slate-900">
        {t("historyTitle")}
      </h2>
      {consultations && customers.length === 0 ? <p className="mt-3 text-sm text-slate-600">{t("historyEmpty")}</p> : null}
      {customers.length > 0 ? (
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">{t("customer")}</th>
              <th scope="col" className="py-1 pr-2 font-medium">{t("sessions")}</th>
              <th scope="col" className="py-1 pr-2 font-medium">{t("duration")}</th>
              <th scope="col" className="py-1 font-medium">{t("amount")}</th>
            </tr>
          </thead>
          <tbody>
            {customers.map(([id, row]) => (
              <tr key={id} className="border-t border-slate-100">
                <td className="py-1.5 pr-2">{row.name}</td>
                <td className="py-1.5 pr-2 tabular-nums">{row.sessions}</td>
                <td className="py-1.5 pr-2 tabular-nums">{t("minutesValue", { minutes: Math.round(row.seconds / 60) })}</td>
                <td className="py-1.5 tabular-nums">{currency ? formatMoney(row.netMinor, currency, locale) : row.netMinor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
