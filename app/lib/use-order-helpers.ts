"use client";

import { useLocale, useTranslations } from "use-intl";
import { useSession } from "../components/session-provider.tsx";
import type { LocalizedText, TweepType } from "../../contract/common.ts";
import { pickLocalized } from "./pick-localized.ts";

/** The currency amounts are shown in: the wallet's, which is the platform's one currency. */
export function useCurrency(): string {
  const { session } = useSession();
  return (session.status === "authenticated" ? session.currency : null) ?? "RUB";
}

export function useViewerTimeZone(): string | null {
  const { session } = useSession();
  return session.status === "authenticated" ? session.user.timeZone : null;
}

/** An order's title in the viewer's language, else the other one, with its `lang`. */
export function useOrderTitle(): (title: LocalizedText) => { value: string; lang: string | undefined } {
  const locale = useLocale();
  const t = useTranslations("orders");
  return (title) => {
    const picked = pickLocalized(title, locale);
    return picked ? { value: picked.value, lang: picked.lang === locale ? undefined : picked.lang } : { value: t("untitled"), lang: undefined };
  };
}

/** "Consultation · video", "Work to order", "Files". */
export function useOrderKind(): (type: TweepType | string, medium?: "video" | "text") => string {
  const tweep = useTranslations("tweep.types");
  const t = useTranslations("orders");
  return (type, medium) => {
    const name = type === "consultation" || type === "work" || type === "files" ? tweep(type) : type;
    return medium ? `${name} · ${t(medium)}` : name;
  };
}
