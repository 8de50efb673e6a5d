"use client";

import { LoaderCircle } from "lucide-react";
import { useTranslations } from "use-intl";

export function LoadingPanel() {
  const t = useTranslations("common");
  return (
    <div aria-busy="true" className="flex items-center gap-2 py-10 text-slate-500">
      <LoaderCircle aria-hidden="true" className="size-5 animate-spin" />
      {t("loading")}
    </div>
  );
}
