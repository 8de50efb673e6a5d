import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { transitionOrder } from "./order-access.ts";

const HOUR_MS = 3_600_000;

/**
 * SPEC 6 "Work done": starts the customer's review period. Moves no money, so it is allowed
 * during a dispute; the auto-accept that would follow is not (the loop skips disputed orders).
 */
export async function deliverOrder(ctx: AppContext, input: { orderId: string; userId: string }) {
  const now = ctx.now();
  const { order, notes } = await withTransaction(ctx.db, async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: input.orderId,
      actor: { id: input.userId },
      verb: "deliver",
      set: {
        deliveredAt: now,
        autoAcceptAt: new Date(now.getTime() + ctx.config.workAutoAcceptHours * HOUR_MS),
        updatedAt: now,
      },
    });
    const event = { kind: "order_delivered", orderId: updated.id, title: updated.title } as const;
    return { order: updated, notes: await storeNotifications(tx, [updated.customerId], event, now) };
  });
  await announceNotifications(ctx, notes);
  return order;
}
