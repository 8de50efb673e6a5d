"use client";

import { useTranslations } from "use-intl";

export function SkipLink() {
  const t = useTranslations("topBar");
  return (
    <a
      href="#content"
      className="sr-only z-30 rounded-md bg-white px-3 py-2 text-sm font-semibold text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
    >
      {t("skipToContent")}
    </a>
  );
}
