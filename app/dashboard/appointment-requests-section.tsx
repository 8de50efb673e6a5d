"use client";

import { useTranslations } from "use-intl";
import { AppointmentCard } from "../appointments/appointment-card.tsx";
import { useAppointments } from "../appointments/use-appointments.ts";

/** SPEC 16 on the provider's panel: pending appointment requests, to accept or reject. */
export function AppointmentRequestsSection() {
  const t = useTranslations("appointments");
  const { items, reload } = useAppointments("/appointments?as=provider&status=pending");
  return (
    <section aria-labelledby="appointment-requests-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="appointment-requests-heading" className="text-lg font-semibold text-slate-900">
        {t("requestsTitle")}
      </h2>
      {items && items.length === 0 ? <p className="mt-3 text-sm text-slate-600">{t("requestsEmpty")}</p> : null}
      {items && items.length > 0 ? (
        <ul className="mt-3 space-y-3">
          {items.map((item) => (
            <li key={item.id}>
              <AppointmentCard appointment={item} viewer="provider" onChanged={reload} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
