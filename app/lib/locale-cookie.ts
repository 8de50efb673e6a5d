// Client side: remembers the chosen interface language for a year. The root layout reads
// this cookie on the next render (router.refresh()).
import { localeCookieName } from "./locale.ts";
import type { Locale } from "./locale.ts";

const oneYearSeconds = 365 * 24 * 60 * 60;

export function writeLocaleCookie(locale: Locale): void {
  document.cookie = `${localeCookieName}=${locale}; path=/; max-age=${oneYearSeconds}; samesite=lax`;
}

export function readLocaleCookie(): string | undefined {
  return document.cookie
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${localeCookieName}=`))
    ?.slice(localeCookieName.length + 1);
}
