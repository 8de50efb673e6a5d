"use client";

import { ArrowDown, Briefcase, FileDown, Video } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "use-intl";
import { useSession } from "./session-provider.tsx";

const features = [
  { key: "consultation", Icon: Video, tint: "bg-indigo-100 text-indigo-700" },
  { key: "work", Icon: Briefcase, tint: "bg-amber-100 text-amber-800" },
  { key: "files", Icon: FileDown, tint: "bg-emerald-100 text-emerald-800" },
] as const;

export function HomeIntro() {
  const t = useTranslations("home");
  const { session } = useSession();
  return (
    <>
      <section aria-labelledby="home-title" className="py-6 sm:py-10">
        <p className="text-sm font-semibold tracking-wide text-indigo-700 uppercase">{t("eyebrow")}</p>
        <h1 id="home-title" className="mt-3 max-w-3xl text-3xl font-bold tracking-tight text-balance text-slate-900 sm:text-5xl">
          {t("title")}
        </h1>
        <p className="mt-4 max-w-2xl text-lg text-pretty text-slate-600">{t("lead")}</p>
        <div className="mt-7 flex flex-wrap gap-3">
          {session.status === "anonymous" ? (
            <Link
              href="/signup"
              className="rounded-lg bg-indigo-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700"
            >
              {t("ctaSignUp")}
            </Link>
          ) : null}
          <a
            href="#catalog"
            className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-5 py-2.5 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50"
          >
            <ArrowDown aria-hidden="true" className="size-4" />
            {t("ctaBrowse")}
          </a>
        </div>
      </section>

      <section aria-labelledby="features-title" className="mb-12">
        <h2 id="features-title" className="sr-only">
          {t("featuresTitle")}
        </h2>
        <ul className="grid gap-4 md:grid-cols-3">
          {features.map(({ key, Icon, tint }) => (
            <li key={key} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
              <span aria-hidden="true" className={`mb-3 grid size-10 place-items-center rounded-lg ${tint}`}>
                <Icon className="size-5" />
              </span>
              <h3 className="font-semibold text-slate-900">{t(`features.${key}.title`)}</h3>
              <p className="mt-1.5 text-sm text-slate-600">{t(`features.${key}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
