import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { refuseIfSessionActive, transitionOrder } from "./order-access.ts";
import { refundHold } from "./order-money.ts";

/**
 * SPEC 5: the customer closes a consultation when done. Whatever the hold still holds (the
 * prepaid block, when no session used it) goes back to the customer, exactly as a cancel:
 * closing must never keep money that paid for nothing.
 */
export async function closeOrder(ctx: AppContext, input: { orderId: string; userId: string }) {
  const order = await withTransaction(ctx.db, async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: input.orderId,
      actor: { id: input.userId },
      verb: "close",
      set: { updatedAt: ctx.now(), finishedAt: ctx.now() },
    });
    await refuseIfSessionActive(tx, updated.id);
    await refundHold(tx, ctx.config, updated, "order_closed_refund");
    return updated;
  });
  ctx.live.toUser(order.providerId, "order:updated", { orderId: order.id, status: order.status });
  return order;
}
