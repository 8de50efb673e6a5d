import type { Metadata } from "next";
import { getPageMetadata } from "../../lib/page-metadata.ts";
import { OutboxList } from "./outbox-list.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("outbox");
}

export default function OutboxPage() {
  return <OutboxList />;
}
