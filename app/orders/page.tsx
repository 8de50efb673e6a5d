import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { OrdersList } from "./orders-list.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("orders");
}

export default function OrdersPage() {
  return <OrdersList as="customer" />;
}
