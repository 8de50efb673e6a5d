"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { EmptyState } from "../components/empty-state.tsx";
import { LoadingPanel } from "../components/loading-panel.tsx";
import { PageHeading } from "../components/page-heading.tsx";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { AppointmentCard } from "./appointment-card.tsx";
import { useAppointments } from "./use-appointments.ts";

/** "My appointments" (SPEC 16): both sides, each with the actions the server allows now. */
export function AppointmentsView() {
  const t = useTranslations("appointments");
  const describeError = useErrorMessage();
  const [side, setSide] = useState<"customer" | "provider">("customer");
  const { items, error, replace } = useAppointments(`/appointments?as=${side}`);

  return (
    <>
      <PageHeading title={t("title")} lead={t("lead")} />
      <div role="tablist" aria-label={t("title")} className="mb-4 flex gap-2">
        {(["customer", "provider"] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={side === value}
            onClick={() => setSide(value)}
            className={`min-h-10 rounded-lg px-4 py-2 text-sm font-semibold ${side === value ? "bg-indigo-600 text-white" : "border border-slate-300 bg-white text-slate-800"}`}
          >
            {value === "customer" ? t("asCustomer") : t("asProvider")}
          </button>
        ))}
      </div>
      {!items ? error ? <AlertMessage message={`${t("loadError")} ${describeError(error)}`} /> : <LoadingPanel /> : null}
      {items && items.length === 0 ? <EmptyState message={t("empty")} /> : null}
      {items && items.length > 0 ? (
        <ul className="space-y-3">
          {items.map((item) => (
            <li key={item.id} id={item.id}>
              <AppointmentCard appointment={item} viewer={side} onChanged={replace} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
