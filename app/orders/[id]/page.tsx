import type { Metadata } from "next";
import { getPageMetadata } from "../../lib/page-metadata.ts";
import { OrderView } from "./order-view.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("order");
}

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // A stale or mistyped id gets the API's "not found" rather than a crash.
  return <OrderView key={id} orderId={id} />;
}
