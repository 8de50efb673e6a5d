"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { apiRequest } from "../lib/api-client.ts";
import type { ProviderStatus } from "../../contract/common.ts";
import { useSession } from "./session-provider.tsx";

type OwnTweep = { type: string; status: string };

/**
 * SPEC 9: a provider with a consultation tweep chooses Available, Busy or Not set in the top
 * bar. Customers see the choice (or "busy" during a session) within a second.
 */
export function ProviderStatusControl() {
  const t = useTranslations("live");
  const { session, setUser } = useSession();
  const [offersConsultations, setOffersConsultations] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const userId = session.status === "authenticated" ? session.user.id : null;

  useEffect(() => {
    if (!userId) return;
    const controller = new AbortController();
    apiRequest<{ items: OwnTweep[] }>("/me/tweeps", { signal: controller.signal })
      .then(({ items }) => setOffersConsultations(items.some((tweep) => tweep.type === "consultation" && tweep.status !== "archived")))
      .catch(() => setOffersConsultations(false));
    return () => controller.abort();
  }, [userId]);

  if (session.status !== "authenticated" || !offersConsultations) return null;
  const current = session.user.providerStatus ?? "not_set";

  async function choose(status: ProviderStatus) {
    if (session.status !== "authenticated") return;
    setSaving(true);
    setFailed(false);
    // Incoming calls raise a browser notification when the tab is in the background: asked
    // once, here, where the provider chooses to take calls (a browser asks only on a gesture).
    if (status === "available" && typeof Notification !== "undefined" && Notification.permission === "default") {
      void Notification.requestPermission().catch(() => undefined);
    }
    try {
      await apiRequest("/me/status", { method: "PUT", body: { status } });
      setUser({ ...session.user, providerStatus: status });
    } catch {
      setFailed(true);
    } finally {
      setSaving(false);
    }
  }

  const dot = current === "available" ? "bg-emerald-500" : current === "busy" ? "bg-amber-500" : "bg-slate-400";
  return (
    <label className="flex shrink-0 items-center gap-1.5 text-sm text-slate-700">
      <span aria-hidden="true" className={`size-2.5 rounded-full ${dot}`} />
      <span className="sr-only sm:not-sr-only">{t("statusLabel")}</span>
      <select
        value={current}
        disabled={saving}
        aria-busy={saving || undefined}
        aria-invalid={failed || undefined}
        onChange={(event) => void choose(event.target.value as ProviderStatus)}
        className="rounded-md border border-slate-300 bg-white py-1 pr-7 pl-2 text-sm font-medium text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <option value="available">{t("status.available")}</option>
        <option value="busy">{t("status.busy")}</option>
        <option value="not_set">{t("status.not_set")}</option>
      </select>
      {failed ? <span role="alert" className="text-xs text-red-700">{t("statusFailed")}</span> : null}
    </label>
  );
}
