// The JSON shapes of the orders and disputes API (server/http/routes/order-routes.ts and
// dispute-routes.ts) that the order pages read. Amounts are integers in minor units.

import type { LocalizedText, TweepType } from "./api-types.ts";

export type OrderStatus = "open" | "cancelled" | "closed" | "in_progress" | "delivered" | "accepted" | "refused" | "paid";

/** Everything the server may list in `actions`; the order card shows a control for each. */
export type OrderAction = "cancel" | "close" | "refuse" | "deliver" | "accept" | "return" | "review" | "dispute";

export type Order = {
  id: string;
  tweepId: string;
  type: TweepType;
  medium?: "video" | "text";
  /** One of OrderStatus, typed loosely: a newer server may add one. */
  status: string;
  customerId: string;
  providerId: string;
  heldMinor: number;
  title: LocalizedText;
  priceMinor: number;
  prepaidBlockUsed: boolean;
  acceptedAutomatically: boolean;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  autoAcceptAt: string | null;
  finishedAt: string | null;
  openDisputeId: string | null;
  actions: string[];
};

export type OrderFile = { id: string; fileName: string; contentType: string; sizeBytes: number };

export type OrderDetail = Order & { reviewed: boolean; files?: OrderFile[]; links?: string[] };

/** A line of "My sales": what the sale brought, read from the ledger. */
export type Sale = Order & { grossMinor?: number; commissionMinor?: number; netMinor?: number };

export type OrderMessage = { id: string; orderId: string; authorId: string; body: string; createdAt: string };

export type Dispute = {
  id: string;
  orderId: string;
  order: { id: string; type: string; status: string; title: LocalizedText; customerId: string; providerId: string };
  openedBy: string;
  reason: string;
  status: "open" | "resolved";
  toProviderMinor: number | null;
  toCustomerMinor: number | null;
  resolutionReason: string | null;
  resolvedBy: string | null;
  createdAt: string;
  resolvedAt: string | null;
};

export type DisputeMessage = { id: string; disputeId: string; authorId: string; body: string; createdAt: string };

/** Socket.IO events about orders (server/realtime/events.ts). */
export type OrderUpdatedEvent = { orderId: string; status?: string; event?: string };
export type OrderMessageEvent = OrderMessage;
