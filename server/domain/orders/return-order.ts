import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { notifyUsers } from "../notifications/notify-users.ts";
import { transitionOrder } from "./order-access.ts";

/** SPEC 6: the customer returns delivered work for rework; the auto-accept clock stops. */
export async function returnOrder(ctx: AppContext, input: { orderId: string; userId: string }) {
  const order = await withTransaction(ctx.db, (tx) =>
    transitionOrder(tx, {
      orderId: input.orderId,
      actor: { id: input.userId },
      verb: "return",
      set: { autoAcceptAt: null, updatedAt: ctx.now() },
    }),
  );
  await notifyUsers(ctx, [order.providerId], { kind: "order_returned", orderId: order.id, title: order.title });
  return order;
}
