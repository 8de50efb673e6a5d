import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { transitionOrder } from "./order-access.ts";

/** SPEC 6: the customer returns delivered work for rework; the auto-accept clock stops. */
export async function returnOrder(ctx: AppContext, input: { orderId: string; userId: string }) {
  const now = ctx.now();
  const { order, notes } = await withTransaction(ctx.db, async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: input.orderId,
      actor: { id: input.userId },
      verb: "return",
      set: { autoAcceptAt: null, updatedAt: now },
    });
    const event = { kind: "order_returned", orderId: updated.id, title: updated.title } as const;
    return { order: updated, notes: await storeNotifications(tx, [updated.providerId], event, now) };
  });
  await announceNotifications(ctx, notes);
  return order;
}
