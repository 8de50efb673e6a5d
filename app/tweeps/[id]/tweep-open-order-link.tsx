"use client";

import { ClipboardList } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { useSession } from "../../components/session-provider.tsx";
import type { Order } from "../../../contract/orders.ts";
import { useApiLoad } from "../../lib/use-api-load.ts";

// The states in which an order still waits for someone (SPEC 5 and 6); a finished order
// (closed, accepted, paid files…) is found under "My orders".
const unfinished = new Set(["open", "in_progress", "delivered"]);

/** On a tweep's page, a way back to the viewer's own unfinished order of it, if there is one. */
export function TweepOpenOrderLink({ tweepId, providerId }: { tweepId: string; providerId: string }) {
  const t = useTranslations("tweepPage");
  const { session } = useSession();
  const [orderId, setOrderId] = useState<string | null>(null);
  const viewer = session.status === "authenticated" ? session.user.id : null;
  const path = viewer && viewer !== providerId ? `/orders?as=customer&tweepId=${encodeURIComponent(tweepId)}` : null;
  // A failure here only hides a convenience link; the page itself has loaded.
  useApiLoad<{ items: Order[] }>(path, (loaded) => setOrderId(loaded.items.find((order) => unfinished.has(order.status))?.id ?? null));

  if (!path || !orderId) return null;
  return (
    <Link
      href={`/orders/${encodeURIComponent(orderId)}`}
      className="flex min-h-10 items-center gap-2 rounded-xl border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm font-semibold text-indigo-800 shadow-sm hover:bg-indigo-100"
    >
      <ClipboardList aria-hidden="true" className="size-4" />
      {t("openOrder")}
    </Link>
  );
}
