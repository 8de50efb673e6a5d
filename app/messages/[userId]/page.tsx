import type { Metadata } from "next";
import { getPageMetadata } from "../../lib/page-metadata.ts";
import { ConversationView } from "./conversation-view.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("conversation");
}

export default async function ConversationPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  return <ConversationView userId={userId} />;
}
