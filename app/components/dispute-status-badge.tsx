"use client";

import { useTranslations } from "use-intl";

export function DisputeStatusBadge({ status }: { status: "open" | "resolved" }) {
  const t = useTranslations("disputes.statuses");
  return (
    <span
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${
        status === "open" ? "bg-amber-50 text-amber-900 ring-amber-200" : "bg-emerald-50 text-emerald-800 ring-emerald-200"
      }`}
    >
      {t(status)}
    </span>
  );
}
