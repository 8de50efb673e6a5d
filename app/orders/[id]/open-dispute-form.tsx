"use client";

import { Flag, Scale } from "lucide-react";
import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { apiRequest } from "../../lib/api-client.ts";
import type { Dispute } from "../../../contract/orders.ts";
import { useFailureMessage } from "../../lib/use-failure-message.ts";

export function OpenDisputeForm({ orderId, onOpened }: { orderId: string; onOpened: (disputeId: string) => void }) {
  const t = useTranslations("dispute");
  const failureMessage = useFailureMessage();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The form waits behind a button: most orders never need it, and an open form on every
  // card from the moment of purchase reads as an invitation to complain.
  const [open, setOpen] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setError(t("reasonRequired"));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const { dispute } = await apiRequest<{ dispute: Dispute }>(`/orders/${orderId}/disputes`, { method: "POST", body: { reason: text } });
      setReason("");
      onOpened(dispute.id);
    } catch (caught) {
      setError(failureMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <div>
        <button
          type="button"
          aria-expanded="false"
          onClick={() => setOpen(true)}
          className="inline-flex min-h-10 items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          <Flag aria-hidden="true" className="size-4" />
          {t("reportProblem")}
        </button>
      </div>
    );
  }

  return (
    <section aria-labelledby="open-dispute-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="open-dispute-title" className="text-lg font-semibold text-slate-900">
        {t("openTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("openLead")}</p>
      <form onSubmit={submit} noValidate aria-labelledby="open-dispute-title" className="mt-4 space-y-4">
        <TextAreaField
          label={t("reason")}
          hint={t("reasonHint")}
          name="reason"
          maxLength={4000}
          rows={4}
          required
          autoFocus
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        {error ? <AlertMessage message={error} /> : null}
        <SubmitButton busy={busy} variant="secondary" icon={<Scale aria-hidden="true" className="size-4" />} className="w-full">
          {t("submit")}
        </SubmitButton>
      </form>
    </section>
  );
}
