import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { notifyUsers } from "../notifications/notify-users.ts";
import { transitionOrder } from "./order-access.ts";
import { refundHold } from "./order-money.ts";

/** SPEC 6: the provider refuses work in progress; the hold returns and the refusal counts against the rating. */
export async function refuseOrder(ctx: AppContext, input: { orderId: string; userId: string }) {
  const order = await withTransaction(ctx.db, async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: input.orderId,
      actor: { id: input.userId },
      verb: "refuse",
      set: { updatedAt: ctx.now(), finishedAt: ctx.now() },
    });
    await refundHold(tx, ctx.config, updated, "work_refused_refund");
    return updated;
  });
  await notifyUsers(ctx, [order.customerId], { kind: "order_refused", orderId: order.id, title: order.title });
  return order;
}
