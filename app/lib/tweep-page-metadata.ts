// Page titles for My tweeps and Moderation, from their own message namespaces.
import type { Metadata } from "next";
import { getMessages, getRequestLocale } from "./request-locale.ts";

export async function getTweepPageMetadata(page: "myTweeps" | "newTweep" | "editTweep" | "moderation"): Promise<Metadata> {
  const messages = getMessages(await getRequestLocale());
  const titles = {
    myTweeps: messages.myTweeps.title,
    newTweep: messages.myTweeps.newTitle,
    editTweep: messages.myTweeps.editTitle,
    moderation: messages.moderation.title,
  };
  return { title: titles[page] };
}
