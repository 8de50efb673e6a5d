import { z } from "@hono/zod-openapi";
import { AmountMinor } from "./common.ts";

/** The ledger's transaction kinds that touch a user's account. */
export const movementKinds = [
  "top_up",
  "payout",
  "demo_credit",
  "consultation_prepay",
  "work_escrow",
  "files_purchase",
  "files_sale",
  "work_accepted",
  "work_auto_accepted",
  "order_cancelled_refund",
  "order_closed_refund",
  "work_refused_refund",
  "dispute_resolution",
  // SPEC 18 minute packages: bought (or renewed) into their hold, drawn minute by minute, the rest at the end.
  "package_purchase",
  "package_renewal",
  "package_minute",
  "package_rest",
  "session_prepaid_block",
  "session_block",
  "session_block_refund",
  "session_quality_credit",
  "session_report_refund",
  "earnings_cleared",
] as const;
export type MovementKind = (typeof movementKinds)[number];

export const Movement = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    amountMinor: z.number().int(),
    // A string on the wire: a newer server may add a kind; pages label the ones they know.
    kind: z.string().openapi({ description: `One of ${movementKinds.join(", ")}` }),
    memo: z.string().nullable(),
    orderId: z.string().nullable(),
    /** SPEC 17: "pending" for a movement of the provider's pending earnings, "available" otherwise. */
    account: z.enum(["available", "pending"]),
  })
  .openapi("Movement");
export type Movement = z.infer<typeof Movement>;

/** SPEC 17: an amount a provider earned that is not payable yet, and when it clears. */
export const PendingEarning = z
  .object({
    id: z.uuid(),
    amountMinor: z.number().int(),
    clearsAt: z.string(),
    /** Null for an appointment's payout made without a call (SPEC 16). */
    orderId: z.uuid().nullable(),
    /** SPEC 16: the appointment whose hold paid it. */
    appointmentId: z.uuid().nullable(),
    sessionId: z.uuid().nullable(),
    /** The clearance waits while a report or dispute on it is open, or its session is live. */
    held: z.boolean(),
  })
  .openapi("PendingEarning");
export type PendingEarning = z.infer<typeof PendingEarning>;

export const Wallet = z
  .object({
    /** The user's balance: for a provider, the money available for payout (the same as availableMinor). */
    balanceMinor: z.number().int(),
    availableMinor: z.number().int(),
    pendingMinor: z.number().int(),
    currency: z.string(),
    /** The pending earnings, soonest to clear first (at most 200). */
    pending: z.array(PendingEarning),
    movements: z.array(Movement),
  })
  .openapi("Wallet");
export type Wallet = z.infer<typeof Wallet>;

export const Payout = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    amountMinor: z.number().int(),
    status: z.enum(["requested", "paid"]),
    createdAt: z.string(),
    paidAt: z.string().nullable(),
  })
  .openapi("Payout");

export const TopUp = z
  .object({
    id: z.uuid(),
    status: z.enum(["pending", "completed", "expired"]),
    amountMinor: z.number().int(),
    checkoutUrl: z.string().nullable(),
  })
  .openapi("TopUp");

export const TopUpRequest = z.strictObject({
  amountMinor: AmountMinor,
  returnPath: z
    .string()
    .regex(/^\/(?!\/)[^\s]*$/, "a path on this site")
    .max(500)
    .optional()
    .openapi({ description: "Where Checkout returns the user, e.g. /orders/123" }),
});
export type TopUpRequest = z.infer<typeof TopUpRequest>;

export const TopUpResponse = z.object({ topUp: TopUp, balanceMinor: z.number().int() });
export type TopUpResponse = z.infer<typeof TopUpResponse>;

export const PayoutRequest = z.strictObject({ amountMinor: AmountMinor });
export type PayoutRequest = z.infer<typeof PayoutRequest>;

export const PayoutResponse = z.object({ payout: Payout, balanceMinor: z.number().int() });
export type PayoutResponse = z.infer<typeof PayoutResponse>;
