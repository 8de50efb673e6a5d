import type { Metadata } from "next";
import { getPageMetadata } from "../../lib/page-metadata.ts";
import { InvitationLanding } from "./invitation-landing.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("invitation");
}

export default async function InvitationPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <InvitationLanding code={code} />;
}
