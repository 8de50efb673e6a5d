import type { Metadata } from "next";
import { getPageMetadata } from "../../lib/page-metadata.ts";
import { DocumentsFolder } from "./documents-folder.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("documents");
}

export default async function DocumentsPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  return <DocumentsFolder key={userId} userId={userId} />;
}
