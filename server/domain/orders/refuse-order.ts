import type { AppContext } from "../../context.ts";
import { withTransaction } from "../ledger/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { refuseIfDisputed, transitionOrder } from "./order-access.ts";
import { refundHold } from "./order-money.ts";

/** SPEC 6: the provider refuses work in progress; the hold returns and the refusal counts against the rating. */
export async function refuseOrder(ctx: AppContext, input: { orderId: string; userId: string }) {
  const { order, notes } = await withTransaction(ctx.db, async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: input.orderId,
      actor: { id: input.userId, role: "provider" },
      from: ["in_progress"],
      set: { status: "refused", updatedAt: ctx.now(), finishedAt: ctx.now() },
    });
    await refuseIfDisputed(tx, updated.id);
    await refundHold(tx, ctx.config, updated, "work_refused_refund");
    const event = { kind: "order_refused", orderId: updated.id, title: updated.title } as const;
    return { order: updated, notes: await storeNotifications(tx, [updated.customerId], event, ctx.now()) };
  });
  await announceNotifications(ctx, notes);
  return order;
}
