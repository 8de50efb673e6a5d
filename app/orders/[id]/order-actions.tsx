"use client";

import { Check, CircleCheckBig, RotateCcw, X } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { StatusMessage } from "../../components/status-message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { apiRequest } from "../../lib/api-client.ts";
import { needsConfirmation, pickTransitions } from "../../lib/order-rules.ts";
import type { TransitionAction } from "../../lib/order-rules.ts";
import type { OrderDetail } from "../../../contract/orders.ts";
import { useFailureMessage } from "../../lib/use-failure-message.ts";

const icons = { deliver: CircleCheckBig, accept: Check, return: RotateCcw, close: X, cancel: X, refuse: X } as const;
// The step that moves the order forward is the primary button; the rest are secondary.
const primary = new Set<TransitionAction>(["deliver", "accept"]);

type Props = { order: OrderDetail; onOrderChanged: (order: OrderDetail) => void };

export function OrderActions({ order, onOrderChanged }: Props) {
  const t = useTranslations("order");
  const failureMessage = useFailureMessage();
  const [pending, setPending] = useState<TransitionAction | null>(null);
  const [confirming, setConfirming] = useState<Exclude<TransitionAction, "deliver"> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<TransitionAction | null>(null);
  const transitions = pickTransitions(order.actions);

  // Reviewing or disputing has its own card; this one stays for a fresh outcome to be read.
  if (transitions.length === 0 && order.actions.length > 0 && !done && !error) return null;

  async function run(action: TransitionAction) {
    setConfirming(null);
    setError(null);
    setDone(null);
    setPending(action);
    try {
      const { order: next } = await apiRequest<{ order: OrderDetail }>(`/orders/${order.id}/${action}`, { method: "POST", body: {} });
      onOrderChanged(next);
      setDone(action);
    } catch (caught) {
      setError(failureMessage(caught));
    } finally {
      setPending(null);
    }
  }

  return (
    <section aria-labelledby="order-actions-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="order-actions-title" className="text-lg font-semibold text-slate-900">
        {t("actionsTitle")}
      </h2>
      {transitions.length === 0 && !done ? <p className="mt-1 text-sm text-slate-600">{t("noActions")}</p> : null}
      {transitions.length > 0 ? (
        <div className="mt-4 flex flex-col gap-2">
          {transitions.map((action) => {
            const Icon = icons[action];
            return (
              <SubmitButton
                key={action}
                type="button"
                variant={primary.has(action) ? "primary" : "secondary"}
                busy={pending === action}
                disabled={pending !== null}
                icon={<Icon aria-hidden="true" className="size-4" />}
                onClick={() => (needsConfirmation(action) ? setConfirming(action) : void run(action))}
                className="w-full"
              >
                {t(`actions.${action}`)}
              </SubmitButton>
            );
          })}
        </div>
      ) : null}
      <div className="mt-4 space-y-3 empty:hidden">
        {error ? <AlertMessage message={error} /> : null}
        {done ? <StatusMessage>{t(`done.${done}`)}</StatusMessage> : null}
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? t(`confirm.${confirming}.title`) : ""}
        text={confirming ? t(`confirm.${confirming}.text`) : ""}
        confirmLabel={confirming ? t(`confirm.${confirming}.yes`) : ""}
        cancelLabel={t("confirm.keep")}
        onConfirm={() => {
          if (confirming) void run(confirming);
        }}
        onCancel={() => setConfirming(null)}
      />
    </section>
  );
}
