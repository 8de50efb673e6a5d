import type { Metadata } from "next";
import { getPageMetadata } from "../../../lib/page-metadata.ts";
import { SessionReviewView } from "./session-review-view.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("sessionReview");
}

export default async function SessionReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SessionReviewView key={id} sessionId={id} />;
}
