import type { Metadata } from "next";
import { getPageMetadata } from "../../lib/page-metadata.ts";
import { DisputeView } from "./dispute-view.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("dispute");
}

export default async function DisputePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DisputeView key={id} disputeId={id} />;
}
