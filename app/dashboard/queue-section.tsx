"use client";

import { useCallback, useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { useSession } from "../components/session-provider.tsx";
import { apiRequest } from "../lib/api-client.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import type { QueueEntry } from "../../contract/queue.ts";

/** Who waits (since when, order, channel), live, with "Invite next" and the bulk decline (SPEC 15). */
export function QueueSection({ providerId }: { providerId: string }) {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const { subscribe } = useSession();
  const [entries, setEntries] = useState<QueueEntry[] | null>(null);
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const loadError = useApiLoad<{ entries?: QueueEntry[] }>(`/providers/${providerId}/queue`, (data) => setEntries(data.entries ?? []), version);

  useEffect(() => {
    const offs = [
      subscribe("queue:updated", (event) => {
        if (event.providerId === providerId) reload();
      }),
      subscribe("reconnect", reload),
    ];
    return () => offs.forEach((off) => off());
  }, [providerId, subscribe, reload]);

  async function act(path: string, method: "POST" | "DELETE") {
    setBusy(true);
    setProblem(null);
    try {
      await apiRequest(path, { method });
      reload();
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="queue-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="queue-heading" className="text-lg font-semibold text-slate-900">
          {t("queueTitle")}
        </h2>
        <div className="flex gap-2">
          <button
            type="button"
            disabled={busy || !entries?.some((e) => e.status === "waiting")}
            onClick={() => void act("/me/queue/invite-next", "POST")}
            className="inline-flex min-h-9 items-center rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-700 disabled:bg-slate-300"
          >
            {t("inviteNext")}
          </button>
          <button
            type="button"
            disabled={busy || !entries?.length}
            onClick={() => void act("/me/queue", "DELETE")}
            className="inline-flex min-h-9 items-center rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:text-slate-400"
          >
            {t("declineAll")}
          </button>
        </div>
      </div>
      {problem || loadError ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {problem ?? describeError(loadError)}
        </p>
      ) : null}
      {entries && entries.length === 0 ? <p className="mt-3 text-sm text-slate-600">{t("queueEmpty")}</p> : null}
      {entries && entries.length > 0 ? (
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">{t("place")}</th>
              <th scope="col" className="py-1 pr-2 font-medium">{t("customer")}</th>
              <th scope="col" className="py-1 pr-2 font-medium">{t("waitingSince")}</th>
              <th scope="col" className="py-1 pr-2 font-medium">{t("channel")}</th>
              <th scope="col" className="py-1 font-medium">{t("order")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className="border-t border-slate-100">
                <td className="py-1.5 pr-2 tabular-nums">{entry.status === "turn" ? t("hasTurn") : entry.place}</td>
                <td className="py-1.5 pr-2">{entry.customerName}</td>
                <td className="py-1.5 pr-2 tabular-nums">{new Date(entry.joinedAt).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" })}</td>
                <td className="py-1.5 pr-2">{t(entry.medium)}</td>
                <td className="py-1.5">
                  <a href={`/orders/${entry.orderId}`} className="text-indigo-700 hover:underline">
                    {entry.orderId.slice(0, 8)}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
