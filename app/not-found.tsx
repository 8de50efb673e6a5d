"use client";

import Link from "next/link";
import { useTranslations } from "use-intl";

export default function NotFound() {
  const t = useTranslations("notFound");
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-5xl font-bold text-indigo-600">404</p>
      <h1 className="mt-4 text-2xl font-bold text-slate-900">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("text")}</p>
      <Link href="/" className="mt-6 inline-block rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
        {t("home")}
      </Link>
    </div>
  );
}
