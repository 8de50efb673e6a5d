import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { notifyUsers } from "../notifications/notify-users.ts";
import { transitionOrder } from "./order-access.ts";

const HOUR_MS = 3_600_000;

/**
 * SPEC 6 "Work done": starts the customer's review period. Moves no money, so it is allowed
 * during a dispute; the auto-accept that would follow is not (the loop skips disputed orders).
 */
export async function deliverOrder(ctx: AppContext, input: { orderId: string; userId: string }) {
  const now = ctx.now();
  const order = await withTransaction(ctx.db, (tx) =>
    transitionOrder(tx, {
      orderId: input.orderId,
      actor: { id: input.userId },
      verb: "deliver",
      set: {
        deliveredAt: now,
        autoAcceptAt: new Date(now.getTime() + ctx.config.workAutoAcceptHours * HOUR_MS),
        updatedAt: now,
      },
    }),
  );
  await notifyUsers(ctx, [order.customerId], { kind: "order_delivered", orderId: order.id, title: order.title });
  return order;
}
