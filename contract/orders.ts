import { z } from "@hono/zod-openapi";
import { Localized, MAX_AMOUNT_MINOR, Medium, TweepType } from "./common.ts";
import { multilineText } from "./free-text.ts";

// Orders, their conversation and disputes (SPEC 5-8, 11). Amounts are minor units.

export const orderStatuses = ["open", "cancelled", "closed", "in_progress", "delivered", "accepted", "refused", "paid"] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** Everything the server may list in `actions`; the order card shows a control for each. */
export const orderActions = ["cancel", "close", "refuse", "deliver", "accept", "return", "review", "dispute"] as const;
export type OrderAction = (typeof orderActions)[number];

export const Order = z
  .object({
    id: z.uuid(),
    tweepId: z.uuid(),
    type: TweepType,
    medium: Medium.optional(),
    // Loosely typed on the wire: a newer server may add a status (see OrderStatus).
    status: z.string(),
    customerId: z.uuid(),
    providerId: z.uuid(),
    heldMinor: z.number().int(),
    title: Localized,
    priceMinor: z.number().int(),
    prepaidBlockUsed: z.boolean(),
    acceptedAutomatically: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deliveredAt: z.string().nullable(),
    autoAcceptAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    openDisputeId: z.uuid().nullable(),
    actions: z.array(z.string()).openapi({ description: "What the viewer may do next" }),
  })
  .openapi("Order");
export type Order = z.infer<typeof Order>;

export const OrderFile = z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int() });
export type OrderFile = z.infer<typeof OrderFile>;

export const OrderDetail = Order.extend({
  reviewed: z.boolean(),
  files: z.array(OrderFile).optional(),
  links: z.array(z.string()).optional(),
}).openapi("OrderDetail");
export type OrderDetail = z.infer<typeof OrderDetail>;

/** A line of "My orders" / "My sales": for the provider, what the sale brought, read from the ledger. */
export const Sale = Order.extend({
  grossMinor: z.number().int().optional(),
  commissionMinor: z.number().int().optional(),
  netMinor: z.number().int().optional(),
});
export type Sale = z.infer<typeof Sale>;

export const PlaceOrderRequest = z.strictObject({ tweepId: z.uuid(), medium: Medium.optional() });
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

/** The text of a message in an order's or a dispute's conversation. */
export const MessageText = multilineText().trim().min(1).max(4000);

export const OrderMessage = z
  .object({ id: z.uuid(), orderId: z.uuid(), authorId: z.uuid(), body: z.string(), createdAt: z.string() })
  .openapi("OrderMessage");
export type OrderMessage = z.infer<typeof OrderMessage>;

export const PostMessageRequest = z.strictObject({ body: MessageText });

export const ReviewRequest = z.strictObject({ rating: z.number().int().min(1).max(5), body: multilineText().trim().max(4000).optional() });
export type ReviewRequest = z.infer<typeof ReviewRequest>;

export const Dispute = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    order: z.object({
      id: z.uuid(),
      type: z.string(),
      status: z.string(),
      title: Localized,
      customerId: z.uuid(),
      providerId: z.uuid(),
    }),
    openedBy: z.uuid(),
    reason: z.string(),
    status: z.enum(["open", "resolved"]),
    toProviderMinor: z.number().int().nullable(),
    toCustomerMinor: z.number().int().nullable(),
    /** Charged consultation blocks, still pending, given back to the customer (SPEC 17). */
    pendingRefundedMinor: z.number().int().nullable(),
    resolutionReason: z.string().nullable(),
    resolvedBy: z.uuid().nullable(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
  })
  .openapi("Dispute");
export type Dispute = z.infer<typeof Dispute>;

export const DisputeMessage = z
  .object({ id: z.uuid(), disputeId: z.uuid(), authorId: z.uuid(), body: z.string(), createdAt: z.string() })
  .openapi("DisputeMessage");
export type DisputeMessage = z.infer<typeof DisputeMessage>;

export const OpenDisputeRequest = z.strictObject({ reason: MessageText });

const Part = z.number().int().min(0).max(MAX_AMOUNT_MINOR);
export const ResolveDisputeRequest = z.strictObject({
  toProviderMinor: Part,
  toCustomerMinor: Part,
  reason: MessageText,
  /** Consultation orders (SPEC 17): also give back every charged block whose earning is still pending. */
  refundPendingBlocks: z.boolean().optional(),
});
export type ResolveDisputeRequest = z.infer<typeof ResolveDisputeRequest>;
