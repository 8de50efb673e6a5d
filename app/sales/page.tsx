import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { OrdersList } from "../orders/orders-list.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("sales");
}

export default function SalesPage() {
  return <OrdersList as="provider" />;
}
