"use client";

import { useTranslations } from "use-intl";
import type { TweepStatus } from "../../contract/tweeps.ts";
import { isTweepStatus } from "../lib/is-tweep-status.ts";

const tones: Record<TweepStatus, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-200",
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
  published: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  rejected: "bg-red-50 text-red-800 ring-red-200",
  archived: "bg-slate-100 text-slate-500 ring-slate-200",
};

/** A tweep's life-cycle status (SPEC 2) in words. */
export function TweepStatusBadge({ status }: { status: string }) {
  const t = useTranslations("myTweeps.statuses");
  const known = isTweepStatus(status) ? status : null;
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${known ? tones[known] : tones.draft}`}
    >
      {known ? t(known) : status}
    </span>
  );
}
