import type { Metadata } from "next";
import { ModerationView } from "../components/moderation-view.tsx";
import { ModerationProfileFiles } from "../components/moderation-profile-files.tsx";
import { SupportTickets } from "../components/support-tickets.tsx";
import { SessionReportsQueue } from "../components/session-reports-queue.tsx";
import { getTweepPageMetadata } from "../lib/tweep-page-metadata.ts";

export function generateMetadata(): Promise<Metadata> {
  return getTweepPageMetadata("moderation");
}

export default function ModerationPage() {
  return (
    <>
      <ModerationView />
      <SessionReportsQueue />
      <ModerationProfileFiles />
      <SupportTickets mode="moderation" />
    </>
  );
}
