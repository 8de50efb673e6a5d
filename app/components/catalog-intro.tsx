"use client";

import Link from "next/link";
import { useTranslations } from "use-intl";
import { useSession } from "./session-provider.tsx";

/** The home page's short introduction, kept compact so the search is in view at once. */
export function CatalogIntro() {
  const t = useTranslations("home");
  const { session } = useSession();
  return (
    <section aria-labelledby="home-title" className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div className="max-w-3xl">
        <p className="text-xs font-semibold tracking-wide text-indigo-700 uppercase">{t("eyebrow")}</p>
        <h1 id="home-title" className="mt-2 text-2xl font-bold tracking-tight text-balance text-slate-900 sm:text-3xl">
          {t("title")}
        </h1>
        <p className="mt-2 text-pretty text-slate-600">{t("lead")}</p>
      </div>
      {session.status === "anonymous" ? (
        <Link
          href="/signup"
          className="shrink-0 self-start rounded-lg bg-indigo-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 sm:self-auto"
        >
          {t("ctaSignUp")}
        </Link>
      ) : null}
    </section>
  );
}
