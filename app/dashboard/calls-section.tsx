"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { useSession } from "../components/session-provider.tsx";
import { useApiLoad } from "../lib/use-api-load.ts";
import type { Call } from "../../contract/queue.ts";

/** Today's calls with their outcome (SPEC 15): answered, missed, declined, retried, lost. */
export function CallsSection() {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const { subscribe } = useSession();
  const [calls, setCalls] = useState<Call[] | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const path = useMemo(() => {
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    const end = new Date(start.getTime() + 86_400_000);
    return `/me/calls?from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(end.toISOString())}`;
  }, []);
  useApiLoad<{ calls: Call[] }>(path, (data) => setCalls(data.calls), version);

  useEffect(() => {
    const offs = [subscribe("call:ringing", reload), subscribe("call:ended", reload), subscribe("call:answered", reload), subscribe("queue:updated", reload)];
    return () => offs.forEach((off) => off());
  }, [subscribe, reload]);

  return (
    <section aria-labelledby="calls-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="calls-heading" className="text-lg font-semibold text-slate-900">
        {t("callsTitle")}
      </h2>
      {calls && calls.length === 0 ? <p className="mt-3 text-sm text-slate-600">{t("callsEmpty")}</p> : null}
      {calls && calls.length > 0 ? (
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">{t("time")}</th>
              <th scope="col" className="py-1 pr-2 font-medium">{t("customer")}</th>
              <th scope="col" className="py-1 pr-2 font-medium">{t("channel")}</th>
              <th scope="col" className="py-1 font-medium">{t("outcomeLabel")}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call) => (
              <tr key={`${call.outcome}-${call.id}`} className="border-t border-slate-100">
                <td className="py-1.5 pr-2 tabular-nums">{new Date(call.at).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" })}</td>
                <td className="py-1.5 pr-2">{call.customerName}</td>
                <td className="py-1.5 pr-2">{t(call.medium)}</td>
                <td className="py-1.5">
                  {t(`outcome.${call.outcome}`)}
                  {call.retry ? ` (${t("retried")})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
