import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { transitionOrder } from "./order-access.ts";
import { refundHold } from "./order-money.ts";

/** SPEC 6: the provider refuses work in progress; the hold returns and the refusal counts against the rating. */
export async function refuseOrder(ctx: AppContext, input: { orderId: string; userId: string }) {
  const now = ctx.now();
  const { order, notes } = await withTransaction(ctx.db, async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: input.orderId,
      actor: { id: input.userId },
      verb: "refuse",
      set: { updatedAt: now, finishedAt: now },
    });
    await refundHold(tx, ctx.config, updated, "work_refused_refund");
    const event = { kind: "order_refused", orderId: updated.id, title: updated.title } as const;
    return { order: updated, notes: await storeNotifications(tx, [updated.customerId], event, now) };
  });
  await announceNotifications(ctx, notes);
  return order;
}
