import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { SupportTickets } from "../components/support-tickets.tsx";
import { DisputesList } from "./disputes-list.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("disputes");
}

export default function DisputesPage() {
  return (
    <>
      <DisputesList />
      <SupportTickets mode="mine" />
    </>
  );
}
