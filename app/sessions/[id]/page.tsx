import type { Metadata } from "next";
import { getPageMetadata } from "../../lib/page-metadata.ts";
import { SessionRoom } from "./session-room.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("session");
}

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SessionRoom key={id} sessionId={id} />;
}
