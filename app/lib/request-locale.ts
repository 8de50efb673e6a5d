// Server side only: the interface language and messages for the current request.
import { cookies, headers } from "next/headers";
import en from "../../messages/en.json";
import ru from "../../messages/ru.json";
import { localeCookieName, resolveLocale } from "./locale.ts";
import type { Locale } from "./locale.ts";

const messagesByLocale = { en, ru } satisfies Record<Locale, typeof en>;

export async function getRequestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveLocale(cookieStore.get(localeCookieName)?.value, headerList.get("accept-language"));
}

export function getMessages(locale: Locale): typeof en {
  return messagesByLocale[locale];
}
