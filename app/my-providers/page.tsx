import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { MyProvidersList } from "./my-providers-list.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("myProviders");
}

export default function MyProvidersPage() {
  return <MyProvidersList />;
}
