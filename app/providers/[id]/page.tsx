import type { Metadata } from "next";
import { getMessages, getRequestLocale } from "../../lib/request-locale.ts";
import { ProviderView } from "./provider-view.tsx";

export async function generateMetadata(): Promise<Metadata> {
  const messages = getMessages(await getRequestLocale());
  return { title: messages.tweepPage.providerMetaTitle };
}

export default async function ProviderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProviderView key={id} providerId={id} />;
}
