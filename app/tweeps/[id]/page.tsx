import type { Metadata } from "next";
import { getMessages, getRequestLocale } from "../../lib/request-locale.ts";
import { TweepView } from "./tweep-view.tsx";

export async function generateMetadata(): Promise<Metadata> {
  const messages = getMessages(await getRequestLocale());
  return { title: messages.tweepPage.metaTitle };
}

export default async function TweepPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // A stale or mistyped id gets the API's "not found" rather than a crash.
  return <TweepView key={id} tweepId={id} />;
}
