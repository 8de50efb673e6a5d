"use client";

import Link from "next/link";
import { useTranslations } from "use-intl";
import { useAppConfig } from "../lib/use-app-config.ts";

export function SiteFooter() {
  const t = useTranslations("footer");
  const config = useAppConfig();
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-sm text-slate-500 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>{t("tagline")}</p>
        {config?.devOutbox ? (
          <Link href="/dev/outbox" className="shrink-0 font-medium text-indigo-700 hover:underline">
            {t("outbox")}
          </Link>
        ) : null}
      </div>
    </footer>
  );
}
