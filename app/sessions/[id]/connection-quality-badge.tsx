"use client";

import { Loader2, Signal, SignalLow } from "lucide-react";
import { useTranslations } from "use-intl";
import type { ConnectionQuality } from "../../lib/media/connection-quality.ts";

const styles: Record<ConnectionQuality, string> = {
  good: "border-emerald-300 bg-emerald-50 text-emerald-900",
  poor: "border-amber-300 bg-amber-50 text-amber-900",
  reconnecting: "border-slate-300 bg-slate-100 text-slate-800",
};

/** SPEC 19: "good", "poor" or "reconnecting", in words as well as colour. */
export function ConnectionQualityBadge({ quality }: { quality: ConnectionQuality }) {
  const t = useTranslations("live");
  const Icon = quality === "good" ? Signal : quality === "poor" ? SignalLow : Loader2;
  return (
    <p role="status" data-testid="connection-quality" data-quality={quality} className={`inline-flex min-h-10 items-center gap-2 rounded-lg border px-3 py-2 text-sm font-semibold ${styles[quality]}`}>
      <Icon aria-hidden="true" className={`size-4 ${quality === "reconnecting" ? "animate-spin" : ""}`} />
      {t(`connectionQuality.${quality}`)}
    </p>
  );
}
