import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { DashboardView } from "./dashboard-view.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("dashboard");
}

export default function DashboardPage() {
  return <DashboardView />;
}
