import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { refuseIfSessionActive, transitionOrder } from "./order-access.ts";
import { refundHold } from "./order-money.ts";

/** SPEC 5: the customer cancels a consultation while the prepaid block is unused; the hold comes back. */
export async function cancelOrder(ctx: AppContext, input: { orderId: string; userId: string }) {
  const order = await withTransaction(ctx.db, async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: input.orderId,
      actor: { id: input.userId },
      verb: "cancel",
      set: { updatedAt: ctx.now(), finishedAt: ctx.now() },
    });
    await refuseIfSessionActive(tx, updated.id);
    await refundHold(tx, ctx.config, updated, "order_cancelled_refund");
    return updated;
  });
  ctx.live.toUser(order.providerId, "order:updated", { orderId: order.id, status: order.status });
  return order;
}
