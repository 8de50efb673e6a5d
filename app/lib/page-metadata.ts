// Page titles in the request's language, for `generateMetadata` in server page files.
import type { Metadata } from "next";
import { getMessages, getRequestLocale } from "./request-locale.ts";
import type en from "../../messages/en.json";

export async function getPageMetadata(page: keyof typeof en.meta.pages): Promise<Metadata> {
  const messages = getMessages(await getRequestLocale());
  return { title: messages.meta.pages[page] };
}
