import { and, eq } from "drizzle-orm";
import { payments } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";

/** A top-up's state, e.g. after returning from Checkout. Only its owner can see it. */
export async function getTopUp(ctx: AppContext, input: { userId: string; topUpId: string }) {
  const [payment] = await ctx.db
    .select()
    .from(payments)
    .where(and(eq(payments.id, input.topUpId), eq(payments.userId, input.userId)));
  // Someone else's top-up is answered exactly like a missing one: ids reveal nothing.
  if (!payment) throw new AppError("not_found", "There is no such top-up.");
  return toPublicTopUp(payment);
}

export function toPublicTopUp(payment: typeof payments.$inferSelect) {
  return {
    id: payment.id,
    status: payment.status,
    amountMinor: Number(payment.amountMinor),
    checkoutUrl: payment.status === "pending" ? payment.checkoutUrl : null,
  };
}
