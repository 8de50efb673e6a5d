import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { AppointmentsView } from "./appointments-view.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("appointments");
}

export default function AppointmentsPage() {
  return <AppointmentsView />;
}
