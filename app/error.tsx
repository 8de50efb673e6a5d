"use client";

import { RefreshCw } from "lucide-react";
import { useEffect } from "react";
import { useTranslations } from "use-intl";

// Shown when a page throws while rendering; the top bar stays, so the person can move on.
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-bold text-slate-900">{t("errors.generic")}</h1>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-6 inline-flex items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700"
      >
        <RefreshCw aria-hidden="true" className="size-4" />
        {t("common.retry")}
      </button>
    </div>
  );
}
