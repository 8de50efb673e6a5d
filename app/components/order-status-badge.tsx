"use client";

import { useTranslations } from "use-intl";
import { isKnownOrderStatus } from "../lib/order-rules.ts";

const tones: Record<string, string> = {
  open: "bg-sky-50 text-sky-800 ring-sky-200",
  in_progress: "bg-sky-50 text-sky-800 ring-sky-200",
  delivered: "bg-amber-50 text-amber-900 ring-amber-200",
  accepted: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  paid: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  closed: "bg-slate-100 text-slate-700 ring-slate-200",
  cancelled: "bg-slate-100 text-slate-700 ring-slate-200",
  refused: "bg-red-50 text-red-800 ring-red-200",
};

export function OrderStatusBadge({ status }: { status: string }) {
  const t = useTranslations("orders.statuses");
  return (
    <span
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status] ?? tones.closed}`}
    >
      {isKnownOrderStatus(status) ? t(status) : status}
    </span>
  );
}
