import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { transitionOrder } from "./order-access.ts";
import { releaseHold } from "./order-money.ts";

/**
 * SPEC 6: the customer accepts delivered work; the hold goes to the provider less
 * commission. Only the customer may accept (a provider accepting their own delivery gets
 * 403), and the guarded update lets exactly one of several concurrent accepts through.
 */
export async function acceptOrder(ctx: AppContext, input: { orderId: string; userId: string }) {
  const now = ctx.now();
  const { order, notes } = await withTransaction(ctx.db, async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: input.orderId,
      actor: { id: input.userId },
      verb: "accept",
      set: { autoAcceptAt: null, updatedAt: now, finishedAt: now },
    });
    await releaseHold(tx, ctx.config, updated, "work_accepted", now);
    const event = { kind: "order_accepted", orderId: updated.id, title: updated.title, automatically: false } as const;
    return { order: updated, notes: await storeNotifications(tx, [updated.providerId], event, now) };
  });
  await announceNotifications(ctx, notes);
  return order;
}
