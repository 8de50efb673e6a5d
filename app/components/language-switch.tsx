"use client";

import { Languages } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { useLocale, useTranslations } from "use-intl";
import { apiRequest } from "../lib/api-client.ts";
import { isLocale, locales } from "../lib/locale.ts";
import { writeLocaleCookie } from "../lib/locale-cookie.ts";
import { useSession } from "./session-provider.tsx";

export function LanguageSwitch() {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const { session, setUser } = useSession();
  const [pending, startTransition] = useTransition();
  const id = useId();

  function changeLanguage(next: string) {
    if (!isLocale(next) || next === locale) return;
    writeLocaleCookie(next);
    startTransition(async () => {
      if (session.status === "authenticated") {
        // E-mails and SMS follow the account's language, so a logged-in choice is saved
        // there too. The interface switches even if saving fails.
        try {
          const { user } = await apiRequest<{ user: typeof session.user }>("/me", {
            method: "PATCH",
            body: { language: next },
          });
          setUser(user);
        } catch (error) {
          console.error("Could not save the language to the account", error);
        }
      }
      router.refresh();
    });
  }

  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="sr-only">
        {t("topBar.interfaceLanguage")}
      </label>
      <Languages aria-hidden="true" className="hidden size-4 text-slate-500 sm:block" />
      <select
        id={id}
        value={locale}
        disabled={pending}
        aria-busy={pending || undefined}
        onChange={(event) => changeLanguage(event.target.value)}
        className="rounded-md border border-slate-300 bg-white py-1 pr-6 pl-2 text-sm text-slate-800 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none"
      >
        {locales.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`languages.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
