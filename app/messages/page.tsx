import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { ConversationsList } from "./conversations-list.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("messages");
}

export default function MessagesPage() {
  return <ConversationsList />;
}
