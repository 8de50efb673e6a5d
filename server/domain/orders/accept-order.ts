import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { notifyUsers } from "../notifications/notify-users.ts";
import { transitionOrder } from "./order-access.ts";
import { releaseHold } from "./order-money.ts";

/**
 * SPEC 6: the customer accepts delivered work; the hold goes to the provider less
 * commission. Only the customer may accept (a provider accepting their own delivery gets
 * 403), and the guarded update lets exactly one of several concurrent accepts through.
 */
export async function acceptOrder(ctx: AppContext, input: { orderId: string; userId: string }) {
  const now = ctx.now();
  const order = await withTransaction(ctx.db, async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: input.orderId,
      actor: { id: input.userId },
      verb: "accept",
      set: { autoAcceptAt: null, updatedAt: now, finishedAt: now },
    });
    await releaseHold(tx, ctx.config, updated, "work_accepted");
    return updated;
  });
  await notifyUsers(ctx, [order.providerId], { kind: "order_accepted", orderId: order.id, title: order.title, automatically: false });
  return order;
}
