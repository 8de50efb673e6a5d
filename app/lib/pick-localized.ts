import type { LocalizedText } from "../../contract/common.ts";
import type { Locale } from "./locale.ts";

/** A tweep may be in one language only: show the viewer's language, else the other one. */
export function pickLocalized(text: LocalizedText | undefined, locale: Locale): { value: string; lang: Locale } | null {
  if (!text) return null;
  const other: Locale = locale === "ru" ? "en" : "ru";
  const own = text[locale]?.trim();
  if (own) return { value: own, lang: locale };
  const fallback = text[other]?.trim();
  if (fallback) return { value: fallback, lang: other };
  return null;
}
